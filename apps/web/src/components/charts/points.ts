// Chart points from the API's weeks, without loading recharts: every week without a value carries
// the words of lib/hidden.ts.
import type { HiddenReason, OpenWeek } from '@leeway/contracts';
import { hiddenText, openUntilText, reasonOf } from '../../lib/hidden.ts';
import type { WeekPoint } from './types.ts';

/** A closed week: its value when published, else why it is hidden (or that it had no members). */
export function closedPoint(
  week: { week: string; suppressed: boolean; reason: HiddenReason | null },
  value: number | null,
  k: number,
): WeekPoint {
  const reason = reasonOf(week);
  if (reason) {
    return {
      week: week.week,
      value: null,
      note: hiddenText(reason, k),
      gap: reason === 'no_data' ? 'empty' : 'hidden',
    };
  }
  return value === null
    ? { week: week.week, value, note: 'no value', gap: 'empty' }
    : { week: week.week, value };
}

/** The week in progress: a marker saying when it closes, and nothing else. */
export const openPoint = (current: OpenWeek, timeZone: string): WeekPoint => ({
  week: current.week,
  value: null,
  note: openUntilText(current, timeZone),
  gap: 'open',
});

/** A week still to come, shown only to place a planned experiment. */
export const upcomingPoint = (week: string): WeekPoint => ({
  week,
  value: null,
  note: 'not yet',
  gap: 'empty',
});
