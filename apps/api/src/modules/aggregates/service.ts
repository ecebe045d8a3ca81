import type { WeekAggregate } from '@leeway/contracts';
import { type SufficientStats, summarize } from '@leeway/domain/metrics';
import { complementarySuppression, suppress } from '@leeway/domain/suppression';
import {
  addWeeks,
  compareWeeks,
  isIsoWeek,
  weekBounds,
  weekDiff,
  weekOf,
} from '@leeway/domain/weeks';
import type { Ctx } from '../../lib/context.ts';
import { invalid } from '../../lib/errors.ts';
import * as aggregatesRepo from './repository.ts';

export const MAX_RANGE_WEEKS = 260;
export const DEFAULT_RANGE_WEEKS = 12;

export interface WeekRange {
  from: string;
  to: string;
}

/** `from`/`to` as inclusive ISO weeks; by default the last 12 weeks up to the current one. */
export function resolveRange(
  ctx: Ctx,
  query: { from?: string | undefined; to?: string | undefined },
): WeekRange {
  for (const field of ['from', 'to'] as const) {
    const value = query[field];
    if (value !== undefined && !isIsoWeek(value))
      throw invalid(field, 'is not an existing ISO week (YYYY-Www)');
  }
  const current = weekOf(ctx.clock.now(), ctx.caller.org.timezone);
  const to = query.to ?? (query.from ? maxWeek(query.from, current) : current);
  const from = query.from ?? addWeeks(to, -(DEFAULT_RANGE_WEEKS - 1));
  if (compareWeeks(from, to) > 0) throw invalid('from', 'must not be after to');
  if (weekDiff(from, to) + 1 > MAX_RANGE_WEEKS)
    throw invalid('from', `range may span at most ${MAX_RANGE_WEEKS} weeks`);
  return { from, to };
}

const maxWeek = (a: string, b: string) => (compareWeeks(a, b) >= 0 ? a : b);

/** When a week's membership is judged: its end, or now for the open (or a future) week. */
export function membershipInstant(week: string, timezone: string, now: Date): Date {
  const { closesAt } = weekBounds(week, timezone);
  return closesAt < now ? closesAt : now;
}

/**
 * The one place a week's figures are assembled, always through `suppress`: every aggregate the
 * API returns is null unless at least k people answered.
 */
export function weekAggregate(
  week: string,
  stats: SufficientStats | undefined,
  members: number,
  k: number,
  forceSuppressed = false,
): WeekAggregate {
  const respondents = stats?.n ?? 0;
  const summary = stats ? summarize(stats) : null;
  const shown = suppress(forceSuppressed ? 0 : respondents, k, summary);
  const values = shown.values;
  return {
    week,
    respondents,
    members,
    participation: members > 0 ? Math.min(1, respondents / members) : null,
    suppressed: shown.suppressed || values === null,
    engagement: values ? { mean: values.engagement.mean, sd: values.engagement.sd } : null,
    enps: values ? values.enps : null,
    items: values ? values.items : null,
  };
}

export interface HiddenCells {
  /** Per week, the teams whose figures are hidden (fewer than k, or hidden to protect one that is). */
  hidden: Map<string, Set<string>>;
  /** Weeks whose org-wide figure is hidden. */
  orgHidden: Set<string>;
  isHidden(teamId: string, week: string): boolean;
}

/**
 * Complementary suppression of every week of an org (PRODUCT.md §4, no differencing): decided
 * once here and used by every endpoint that shows team figures (team trends, heatmap, export)
 * or the org figure beside them, so no two endpoints disagree in a way that reveals a group.
 *
 * Only the cells under k are read, plus — for a week whose small cells hold 1..k−1 respondents —
 * that week's smallest cell at or above k, the only one the suppression could add; the result
 * equals running it over every team.
 */
export async function hiddenTeamWeeks(ctx: Ctx, range: WeekRange): Promise<HiddenCells> {
  const { orgId, org } = ctx.caller;
  const k = org.minGroupSize;
  const small = await aggregatesRepo.smallTeamWeeks(ctx.db, orgId, k, range.from, range.to);
  const byWeek = new Map<string, { key: string; respondents: number }[]>();
  for (const cell of small) {
    const list = byWeek.get(cell.week) ?? [];
    list.push({ key: cell.teamId, respondents: cell.n });
    byWeek.set(cell.week, list);
  }
  const needComplement = [...byWeek.entries()]
    .filter(([, cells]) => {
      const sum = cells.reduce((s, c) => s + c.respondents, 0);
      return sum > 0 && sum < k;
    })
    .map(([week]) => week);
  for (const cell of await aggregatesRepo.smallestTeamAtLeast(ctx.db, orgId, needComplement, k)) {
    byWeek.get(cell.week)!.push({ key: cell.teamId, respondents: cell.n });
  }
  const hidden = new Map<string, Set<string>>();
  const orgHidden = new Set<string>();
  for (const [week, cells] of byWeek) {
    const result = complementarySuppression(cells, k);
    hidden.set(week, result.suppressedKeys);
    if (result.parentSuppressed) orgHidden.add(week);
  }
  return {
    hidden,
    orgHidden,
    isHidden: (teamId, week) => hidden.get(week)?.has(teamId) ?? false,
  };
}
