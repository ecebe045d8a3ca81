import type { WeekAggregate } from '@leeway/contracts';
import { type SufficientStats, summarize } from '@leeway/domain/metrics';
import { suppress } from '@leeway/domain/suppression';
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

export interface MembershipInterval {
  joinedAt: Date;
  leftAt: Date | null;
}

/** Members as of an instant: joined before it and not yet left. */
export function membersAt(intervals: MembershipInterval[], at: Date): number {
  let n = 0;
  for (const m of intervals) {
    if (m.joinedAt <= at && (m.leftAt === null || m.leftAt > at)) n++;
  }
  return n;
}

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
