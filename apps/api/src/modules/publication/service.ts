import type { HiddenReason, OpenWeek, WeekAggregate, WeekState } from '@leeway/contracts';
import type { Db } from '@leeway/db';
import { addStats, emptyStats, type SufficientStats, summarize } from '@leeway/domain/metrics';
import { decideWeek } from '@leeway/domain/suppression';
import {
  addWeeks,
  compareWeeks,
  isIsoWeek,
  weekBounds,
  weekDiff,
  weekOf,
  weekRange,
} from '@leeway/domain/weeks';
import type { Ctx } from '../../lib/context.ts';
import { invalid } from '../../lib/errors.ts';
import { inTransaction } from '../../lib/transaction.ts';
import * as repo from './repository.ts';

export type { PublishedCell } from './repository.ts';

export const MAX_RANGE_WEEKS = 260;
export const DEFAULT_RANGE_WEEKS = 12;

/**
 * The publication (docs/product.md §4): every figure the API shows comes from here. When a week
 * closes, each team-week is frozen (members at the week's end, the sums of its answers) and
 * decided once — published, fewer_than_k, protecting or no_data — and the decision is stored.
 * Views read the stored decision; nothing about the week in progress is ever read for a figure.
 *
 * Closing is lazy: the first read after a week's end closes it (and any earlier unclosed week)
 * under the org's closing lock. The threshold of a closed week is max(k it closed under,
 * current k); a raised k adds decisions for the new threshold, made the same way and stored.
 */

// Per database handle: the last week known closed and decided, per org and k. Closed weeks never
// change, so this only ever saves the database round trip that checks it.
const closedThrough = new WeakMap<Db, Map<string, string>>();

function knownClosed(db: Db): Map<string, string> {
  let known = closedThrough.get(db);
  if (!known) {
    known = new Map();
    closedThrough.set(db, known);
  }
  return known;
}

export interface Calendar {
  /** The week in progress. */
  current: string;
  /** The last closed week. */
  lastClosed: string;
  open: OpenWeek;
}

export function calendarOf(ctx: Ctx): Calendar {
  const now = ctx.clock.now();
  const current = weekOf(now, ctx.caller.org);
  return {
    current,
    lastClosed: addWeeks(current, -1),
    open: { week: current, closesAt: weekBounds(current, ctx.caller.org).closesAt.toISOString() },
  };
}

/** Closes and decides every week of the caller's org that has ended; cheap once done. */
export async function ensurePublished(ctx: Ctx): Promise<Calendar> {
  const calendar = calendarOf(ctx);
  const { orgId, org } = ctx.caller;
  const key = `${orgId}|${org.minGroupSize}`;
  const known = knownClosed(ctx.db);
  const through = known.get(key);
  if (through !== undefined && compareWeeks(through, calendar.lastClosed) >= 0) return calendar;
  await inTransaction(ctx.db, async (tx) => {
    await repo.lockForClosing(tx, orgId);
    const k = await repo.currentK(tx, orgId);
    const last = await repo.lastClosedWeek(tx, orgId);
    const first = last ? addWeeks(last, 1) : await firstWeekOf(ctx, tx);
    if (first && compareWeeks(first, calendar.lastClosed) <= 0) {
      const weeks = weekRange(first, calendar.lastClosed).map((week) => ({
        week,
        closesAt: weekBounds(week, org).closesAt,
      }));
      await repo.freezeWeeks(tx, orgId, k, weeks);
    }
    const undecided = await repo.undecidedWeeks(tx, orgId, k);
    if (undecided.length > 0) await decide(tx, orgId, undecided);
  });
  known.set(key, calendar.lastClosed);
  return calendar;
}

/** The first week an org has anything in: its creation, its first member or its first answer. */
async function firstWeekOf(ctx: Ctx, tx: Parameters<typeof repo.firstActivity>[0]) {
  const { org } = ctx.caller;
  const activity = await repo.firstActivity(tx, ctx.caller.orgId);
  const candidates = [weekOf(org.createdAt, org)];
  if (activity.week) candidates.push(activity.week);
  if (activity.joinedAt) candidates.push(weekOf(activity.joinedAt, org));
  return candidates.sort()[0]!;
}

async function decide(
  tx: Parameters<typeof repo.closuresOf>[0],
  orgId: string,
  undecided: { week: string; threshold: number }[],
) {
  const rows = await repo.closuresOf(
    tx,
    orgId,
    undecided.map((u) => u.week),
  );
  const byWeek = new Map<string, repo.ClosureRow[]>();
  for (const row of rows) {
    const list = byWeek.get(row.week);
    if (list) list.push(row);
    else byWeek.set(row.week, [row]);
  }
  const weeks: { week: string; threshold: number; orgHidden: boolean }[] = [];
  const teams: { teamId: string; week: string; threshold: number; state: WeekState }[] = [];
  for (const { week, threshold } of undecided) {
    const cells = (byWeek.get(week) ?? []).map((r) => ({
      key: r.teamId,
      respondents: r.n,
      members: r.members,
      rank: r.rank,
    }));
    const decision = decideWeek(cells, threshold);
    weeks.push({ week, threshold, orgHidden: decision.orgHidden });
    for (const [teamId, state] of decision.states) teams.push({ teamId, week, threshold, state });
  }
  await repo.insertDecisions(tx, orgId, weeks, teams);
}

export interface ClosedRange {
  /** The range asked for (or the default), before it was cut at the last closed week. */
  from: string;
  to: string;
  /** Its closed weeks, oldest first; empty when none of it has closed. */
  weeks: string[];
}

/**
 * `from`/`to` as inclusive ISO weeks, by default the last 12 closed weeks; cut at the last closed
 * week, since nothing about the week in progress or later is shown.
 */
export function resolveRange(
  calendar: Calendar,
  query: { from?: string | undefined; to?: string | undefined },
): ClosedRange {
  for (const field of ['from', 'to'] as const) {
    const value = query[field];
    if (value !== undefined && !isIsoWeek(value))
      throw invalid(field, 'is not an existing ISO week (YYYY-Www)');
  }
  const { lastClosed } = calendar;
  const to =
    query.to ?? (query.from && compareWeeks(query.from, lastClosed) > 0 ? query.from : lastClosed);
  const from = query.from ?? addWeeks(minWeek(to, lastClosed), -(DEFAULT_RANGE_WEEKS - 1));
  if (compareWeeks(from, to) > 0) throw invalid('from', 'must not be after to');
  const end = minWeek(to, lastClosed);
  if (compareWeeks(from, end) > 0) return { from, to, weeks: [] };
  if (weekDiff(from, end) + 1 > MAX_RANGE_WEEKS)
    throw invalid('from', `range may span at most ${MAX_RANGE_WEEKS} weeks`);
  return { from, to, weeks: weekRange(from, end) };
}

const minWeek = (a: string, b: string) => (compareWeeks(a, b) <= 0 ? a : b);

/** A team's closed weeks in a range; a week before the team existed is `no_data`. */
export async function teamCells(
  ctx: Ctx,
  teamId: string,
  weeks: string[],
): Promise<repo.PublishedCell[]> {
  if (weeks.length === 0) return [];
  const { orgId, org } = ctx.caller;
  const stored = await repo.publishedCells(
    ctx.db,
    orgId,
    org.minGroupSize,
    weeks[0]!,
    weeks.at(-1)!,
    teamId,
  );
  const byWeek = new Map(stored.map((c) => [c.week, c]));
  return weeks.map((week) => byWeek.get(week) ?? noData(teamId, week));
}

export const noData = (teamId: string, week: string): repo.PublishedCell => ({
  teamId,
  week,
  state: 'no_data',
  members: 0,
  stats: emptyStats(),
});

/** Every team's closed team-weeks of an org in a range (teams that did not exist are absent). */
export async function orgCells(ctx: Ctx, from: string, to: string) {
  const { orgId, org } = ctx.caller;
  return repo.publishedCells(ctx.db, orgId, org.minGroupSize, from, to);
}

export async function orgDecisions(ctx: Ctx, from: string, to: string) {
  const { orgId, org } = ctx.caller;
  return repo.orgDecisions(ctx.db, orgId, org.minGroupSize, from, to);
}

export const isPublished = (cell: { state: WeekState }) => cell.state === 'published';

/** The reason a hidden cell shows nothing, or null when it is published. */
export const reasonOf = (state: WeekState): HiddenReason | null =>
  state === 'published' ? null : state;

/**
 * A week's figures as the API writes them: values, respondents and participation only for a
 * published week; a hidden one carries its reason and nothing else but its member count.
 */
export function weekAggregate(
  week: string,
  state: WeekState,
  stats: SufficientStats | undefined,
  members: number,
): WeekAggregate {
  const summary = state === 'published' && stats ? summarize(stats) : null;
  if (!summary || !stats) {
    return {
      week,
      respondents: null,
      members,
      participation: null,
      suppressed: true,
      reason: state === 'published' ? 'fewer_than_k' : state,
      engagement: null,
      enps: null,
      items: null,
    };
  }
  return {
    week,
    respondents: stats.n,
    members,
    participation: members > 0 ? Math.min(1, stats.n / members) : null,
    suppressed: false,
    reason: null,
    engagement: { mean: summary.engagement.mean, sd: summary.engagement.sd },
    enps: summary.enps,
    items: summary.items,
  };
}

export const cellAggregate = (cell: repo.PublishedCell): WeekAggregate =>
  weekAggregate(cell.week, cell.state, cell.stats, cell.members);

/** The sums of the published cells among some cells, and which weeks were left out and why. */
export function pool(cells: repo.PublishedCell[]): {
  stats: SufficientStats;
  published: repo.PublishedCell[];
} {
  const published = cells.filter(isPublished);
  return {
    stats: published.reduce((acc, c) => addStats(acc, c.stats), emptyStats()),
    published,
  };
}

export async function distinctPeople(ctx: Ctx, cells: { teamId: string; week: string }[]) {
  return repo.distinctPeople(ctx.db, cells);
}

/**
 * The threshold of each of some closed weeks: max(k it closed under, k now) (docs/product.md §4),
 * for figures kept beside a team-week (fidelity sums, vote tallies) that follow its rule.
 */
export async function thresholdsOf(ctx: Ctx, weeks: string[]): Promise<Map<string, number>> {
  const k = ctx.caller.org.minGroupSize;
  const closed = await repo.kClosedOf(ctx.db, ctx.caller.orgId, weeks);
  return new Map(weeks.map((week) => [week, Math.max(closed.get(week) ?? k, k)]));
}

/** Whether an answer to this org's week may still be stored (its week has not been closed). */
export const lockForAnswering = repo.lockForAnswering;
export const isWeekClosed = repo.isWeekClosed;
