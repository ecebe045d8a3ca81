/** The ISO week (`2026-W10`) it is now in an IANA time zone. */
export function isoWeekIn(timeZone: string, now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(now);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const day = Date.UTC(get('year'), get('month') - 1, get('day'));
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday = 0
  const thursday = new Date(day + (3 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1);
  const week = 1 + Math.floor((thursday.getTime() - jan1) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

const DAY_MS = 86_400_000;

/** Monday of an ISO week (`2026-W10`) as a UTC midnight date. */
export function mondayOfWeek(week: string): Date {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!match) throw new Error(`not an ISO week: ${week}`);
  const jan4 = Date.UTC(Number(match[1]), 0, 4);
  const jan4Weekday = (new Date(jan4).getUTCDay() + 6) % 7;
  return new Date(jan4 - jan4Weekday * DAY_MS + (Number(match[2]) - 1) * 7 * DAY_MS);
}

/** The ISO week `count` weeks after (or before, when negative) `week`. */
export function addWeeks(week: string, count: number): string {
  const monday = new Date(mondayOfWeek(week).getTime() + count * 7 * DAY_MS);
  return isoWeekIn('UTC', monday);
}

/** The week number of an ISO week: 10 for `2026-W10`. */
export const weekNumberOf = (week: string): number => Number(week.slice(6));
