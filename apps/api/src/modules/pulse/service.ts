import { randomInt } from 'node:crypto';
import type { Comments, Pulse, SubmitPulseBody, Trends } from '@leeway/contracts';
import { weekBounds, weekOf, weekRange } from '@leeway/domain/weeks';
import type { Ctx } from '../../lib/context.ts';
import { conflict, invalid, notFound } from '../../lib/errors.ts';
import { inTransaction } from '../../lib/transaction.ts';
import { forgetOrgWeek } from '../aggregates/org-weeks.ts';
import * as aggregatesRepo from '../aggregates/repository.ts';
import { membershipInstant, resolveRange, weekAggregate } from '../aggregates/service.ts';
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
  const { timezone } = ctx.caller.org;
  const week = weekOf(ctx.clock.now(), timezone);
  const [team, answered] = await Promise.all([
    teamsRepo.findTeam(ctx.db, ctx.caller.orgId, teamId),
    repo.hasReceipt(ctx.db, ctx.caller.userId, teamId, week),
  ]);
  if (!team) throw notFound('Team');
  const { opensAt, closesAt } = weekBounds(week, timezone);
  return {
    pulseId: pulseIdOf(teamId, week),
    teamId,
    teamName: team.name,
    week,
    opensAt: opensAt.toISOString(),
    closesAt: closesAt.toISOString(),
    answered,
    questions: QUESTIONS,
  };
}

/**
 * Stores one answer set: a receipt (who answered, for participation and one-per-person) and a
 * response (what was answered, with no link back) plus the rollup, all in one transaction.
 */
export async function submitPulseResponse(ctx: Ctx, input: SubmitPulseBody) {
  const teamId = memberTeam(ctx);
  const target = parsePulseId(input.pulseId);
  const week = weekOf(ctx.clock.now(), ctx.caller.org.timezone);
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
    const first = await repo.insertReceipt(tx, { orgId, teamId, week, userId });
    if (!first) throw conflict('You have already answered this week’s pulse; answers are final.');
    await repo.insertResponse(tx, { orgId, teamId, week, answers: input.answers, comment });
    await repo.addToRollup(tx, { orgId, teamId, week, answers: input.answers });
  });
  forgetOrgWeek(ctx, week);
  return { pulseId: input.pulseId, week, answered: true as const };
}

export async function teamTrends(
  ctx: Ctx,
  teamId: string,
  query: { from?: string; to?: string },
): Promise<Trends> {
  const range = resolveRange(ctx, query);
  const { orgId, org } = ctx.caller;
  const now = ctx.clock.now();
  const rows = await aggregatesRepo.teamWeekRows(
    ctx.db,
    orgId,
    teamId,
    org.minGroupSize,
    weekRange(range.from, range.to).map((week) => ({
      week,
      at: membershipInstant(week, org.timezone, now),
    })),
  );
  return {
    k: org.minGroupSize,
    from: range.from,
    to: range.to,
    weeks: rows.map((row) =>
      weekAggregate(row.week, row.stats, row.members, org.minGroupSize, row.complementHidden),
    ),
  };
}

export async function teamComments(
  ctx: Ctx,
  teamId: string,
  query: { week?: string },
): Promise<Comments> {
  const { org, orgId } = ctx.caller;
  const week = query.week ?? weekOf(ctx.clock.now(), org.timezone);
  const range = resolveRange(ctx, { from: week, to: week });
  const [stats] = await aggregatesRepo.teamWeekStats(ctx.db, orgId, teamId, range.from, range.to);
  const respondents = stats?.n ?? 0;
  const shown = weekAggregate(week, stats, 0, org.minGroupSize);
  if (shown.suppressed) {
    return { week, k: org.minGroupSize, respondents, suppressed: true, comments: [] };
  }
  return {
    week,
    k: org.minGroupSize,
    respondents,
    suppressed: false,
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
