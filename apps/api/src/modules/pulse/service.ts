import { randomInt } from 'node:crypto';
import type { Comments, Pulse, SubmitPulseBody, Trends } from '@leeway/contracts';
import { weekBounds, weekOf } from '@leeway/domain/weeks';
import type { Ctx } from '../../lib/context.ts';
import { conflict, invalid, notFound } from '../../lib/errors.ts';
import { inTransaction } from '../../lib/transaction.ts';
import { fidelityQuestion, recordFidelity, runningExperiment } from '../evidence/fidelity.ts';
import * as publication from '../publication/service.ts';
import * as teamsRepo from '../teams/repository.ts';
import { QUESTIONS } from './questions.ts';
import * as repo from './repository.ts';

/** A pulse is implicit for every team-week; its id names both. */
export const pulseIdOf = (teamId: string, week: string) => `${teamId}:${week}`;

function parsePulseId(pulseId: string): { teamId: string; week: string } {
  const at = pulseId.lastIndexOf(':');
  if (at <= 0) throw invalid('pulseId', 'is not a pulse id; take it from GET /api/pulse');
  return { teamId: pulseId.slice(0, at), week: pulseId.slice(at + 1) };
}

function memberTeam(ctx: Ctx): string {
  const teamId = ctx.caller.memberTeamId;
  if (!teamId) throw notFound('You are not a member of any team, so there is no pulse for you');
  return teamId;
}

export async function currentPulse(ctx: Ctx): Promise<Pulse> {
  const teamId = memberTeam(ctx);
  const { org } = ctx.caller;
  const week = weekOf(ctx.clock.now(), org);
  const [team, answered, running] = await Promise.all([
    teamsRepo.findTeam(ctx.db, ctx.caller.orgId, teamId),
    repo.hasAnswered(ctx.db, ctx.caller.userId, week),
    runningExperiment(ctx, ctx.db, teamId, week),
  ]);
  if (!team) throw notFound('Team');
  const { opensAt, closesAt } = weekBounds(week, org);
  return {
    pulseId: pulseIdOf(teamId, week),
    teamId,
    teamName: team.name,
    week,
    opensAt: opensAt.toISOString(),
    closesAt: closesAt.toISOString(),
    answered,
    // During an experiment its fidelity item comes after the six scored ones: seven rated at most.
    questions: running
      ? [
          ...QUESTIONS.filter((q) => q.kind !== 'text'),
          fidelityQuestion(running),
          ...QUESTIONS.filter((q) => q.kind === 'text'),
        ]
      : QUESTIONS,
  };
}

/**
 * Stores one answer set: a receipt (who answered, for participation and one-per-person) and a
 * response (what was answered, with no link back) plus the rollup, all in one transaction.
 * One answer per person per ISO week, whichever team they are in; none once the week has closed
 * (docs/product.md §2), checked under the lock that closing the week takes exclusively.
 */
export async function submitPulseResponse(ctx: Ctx, input: SubmitPulseBody) {
  const teamId = memberTeam(ctx);
  const target = parsePulseId(input.pulseId);
  const week = weekOf(ctx.clock.now(), ctx.caller.org);
  if (target.teamId !== teamId)
    throw conflict("This pulse belongs to another team; answer your own team's pulse.");
  if (target.week !== week) {
    throw conflict(
      target.week < week
        ? `The pulse of ${target.week} has closed; this week's is ${week}.`
        : `The pulse of ${target.week} is not open yet; this week's is ${week}.`,
    );
  }
  const comment = input.comment?.trim() ? input.comment.trim() : null;
  const { orgId, userId } = ctx.caller;
  await inTransaction(ctx.db, async (tx) => {
    await publication.lockForAnswering(tx, orgId);
    if (await publication.isWeekClosed(tx, orgId, week))
      throw conflict(`The pulse of ${week} has closed.`);
    await repo.lockPerson(tx, userId);
    if (await repo.hasAnswered(tx, userId, week))
      throw conflict('You have already answered this week’s pulse; answers are final.');
    const first = await repo.insertReceipt(tx, { orgId, teamId, week, userId });
    if (!first) throw conflict('You have already answered this week’s pulse; answers are final.');
    await repo.insertResponse(tx, { orgId, teamId, week, answers: input.answers, comment });
    await repo.addToRollup(tx, { orgId, teamId, week, answers: input.answers });
    if (input.fidelity !== undefined) {
      const running = await runningExperiment(ctx, tx, teamId, week);
      if (!running) throw invalid('fidelity', 'is asked only in the weeks of an experiment');
      await recordFidelity(tx, {
        orgId,
        teamId,
        week,
        experimentId: running.id,
        value: input.fidelity,
      });
    }
  });
  return { pulseId: input.pulseId, week, answered: true as const };
}

/** A team's closed weeks as published; the week in progress is named, with nothing about it. */
export async function teamTrends(
  ctx: Ctx,
  teamId: string,
  query: { from?: string; to?: string },
): Promise<Trends> {
  const calendar = await publication.ensurePublished(ctx);
  const range = publication.resolveRange(calendar, query);
  const cells = await publication.teamCells(ctx, teamId, range.weeks);
  return {
    k: ctx.caller.org.minGroupSize,
    from: range.from,
    to: range.to,
    current: calendar.open,
    weeks: cells.map(publication.cellAggregate),
  };
}

/** Comments of a published team-week only, in random order, with nothing beside them. */
export async function teamComments(
  ctx: Ctx,
  teamId: string,
  query: { week?: string },
): Promise<Comments> {
  const calendar = await publication.ensurePublished(ctx);
  const k = ctx.caller.org.minGroupSize;
  const week = query.week ?? calendar.lastClosed;
  const range = publication.resolveRange(calendar, { from: week, to: week });
  if (range.weeks.length === 0) {
    return { week, k, suppressed: true, reason: 'open', comments: [] };
  }
  const [cell] = await publication.teamCells(ctx, teamId, range.weeks);
  if (!cell || !publication.isPublished(cell)) {
    return {
      week,
      k,
      suppressed: true,
      reason: cell?.state === 'published' ? null : (cell?.state ?? 'no_data'),
      comments: [],
    };
  }
  return {
    week,
    k,
    suppressed: false,
    reason: null,
    comments: shuffle(await repo.commentsOf(ctx.db, teamId, week)),
  };
}

/** Fisher–Yates with a cryptographic source: the order says nothing about who wrote what. */
function shuffle<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
