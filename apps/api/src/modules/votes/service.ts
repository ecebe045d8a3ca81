import type { VoteBody, Votes } from '@leeway/contracts';
import { experimentStatus } from '@leeway/domain/experiments';
import { isSuppressed } from '@leeway/domain/suppression';
import { addWeeks, compareWeeks, weekBounds } from '@leeway/domain/weeks';
import type { Ctx } from '../../lib/context.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import { inTransaction } from '../../lib/transaction.ts';
import * as experimentsRepo from '../experiments/repository.ts';
import { currentWeek, scheduleOf } from '../experiments/service.ts';
import * as publication from '../publication/service.ts';
import * as repo from './repository.ts';

/**
 * The members' verdict (issue 14). Votes are figures about people, so they follow the pulse's
 * rules: nothing while the experiment runs or while voting is open (one more vote would show
 * what that person chose), and the counts only from k distinct voters once the voting week — the
 * week after the experiment's last — has closed; k is max(k the voting week closed under, k now). Receipts say who voted; counts say what was
 * chosen; nothing pairs the two.
 */
export async function experimentVotes(ctx: Ctx, id: string): Promise<Votes> {
  const { org, orgId } = ctx.caller;
  const row = await experimentsRepo.findExperiment(ctx.db, orgId, id);
  if (!row) throw notFound('Experiment');
  const week = currentWeek(ctx);
  const votingWeek = addWeeks(row.endWeek, 1);
  const status = experimentStatus(scheduleOf(row, org), week);
  const open = status === 'completed' && week === votingWeek;
  const closed = compareWeeks(week, votingWeek) > 0 && status === 'completed';
  const k = org.minGroupSize;
  const votedByMe = await repo.hasVoted(ctx.db, id, ctx.caller.userId);
  const base = {
    votingWeek,
    open,
    closesAt: weekBounds(votingWeek, org).closesAt.toISOString(),
    votedByMe,
    canVote: open && !votedByMe && ctx.caller.memberTeamId === row.teamId,
    k,
  };
  if (status === 'cancelled') {
    return { ...base, shown: false, reason: 'cancelled', voters: null, counts: null };
  }
  if (!closed) {
    return {
      ...base,
      shown: false,
      reason: open ? 'voting' : 'not_ended',
      voters: null,
      counts: null,
    };
  }
  // Like a team-week: the larger of the k its voting week closed under and the k now, so a
  // lowered k never shows a tally hidden under the k people voted under.
  await publication.ensurePublished(ctx);
  const threshold = (await publication.thresholdsOf(ctx, [votingWeek])).get(votingWeek)!;
  const { voters, counts } = await repo.tally(ctx.db, id);
  if (isSuppressed(voters, threshold)) {
    return { ...base, shown: false, reason: 'fewer_than_k', voters: null, counts: null };
  }
  return { ...base, shown: true, reason: null, voters, counts };
}

export async function vote(ctx: Ctx, id: string, body: VoteBody): Promise<Votes> {
  const { org, orgId } = ctx.caller;
  const row = await experimentsRepo.findExperiment(ctx.db, orgId, id);
  if (!row) throw notFound('Experiment');
  const week = currentWeek(ctx);
  const votingWeek = addWeeks(row.endWeek, 1);
  const status = experimentStatus(scheduleOf(row, org), week);
  if (status !== 'completed' || week !== votingWeek) {
    throw conflict(
      `Members vote in the week after the experiment's last week (${votingWeek}); it is ${status === 'completed' ? 'over' : status}.`,
    );
  }
  if (ctx.caller.memberTeamId !== row.teamId) {
    throw conflict('Only members of the team vote on its experiment.');
  }
  const cast = await inTransaction(ctx.db, (tx) =>
    repo.castVote(tx, { orgId, experimentId: id, userId: ctx.caller.userId, choice: body.choice }),
  );
  if (!cast) throw conflict('You have already voted on this experiment; a vote is final.');
  return experimentVotes(ctx, id);
}
