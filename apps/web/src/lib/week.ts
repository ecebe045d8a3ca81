/**
 * ISO weeks (`2026-W10`) in the browser: the domain's arithmetic, which needs no time zone
 * library, and the week it is now in the organisation's zone. The API decides which weeks are
 * closed, open or taken; these only label and list them.
 */
import { mondayOf, weekInTimeZone, weekOfUtcDate } from '@leeway/domain/iso-weeks';

export {
  addWeeks,
  compareWeeks,
  mondayOf,
  weekNumberOf,
  weekRange,
} from '@leeway/domain/iso-weeks';

const DAY_MS = 86_400_000;

/** This week in an IANA time zone (the organisation's), falling back to UTC for unknown zones. */
export function currentWeek(timeZone: string, now: Date = new Date()): string {
  try {
    return weekInTimeZone(timeZone, now);
  } catch {
    return weekOfUtcDate(now);
  }
}

/** Sunday of the ISO week, as a UTC midnight date. */
export const sundayOf = (week: string): Date => new Date(mondayOf(week).getTime() + 6 * DAY_MS);
