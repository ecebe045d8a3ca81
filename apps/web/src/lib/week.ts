/** ISO-week helpers (`2026-W10`), enough for labels and ranges; the API owns the real week logic. */

const DAY = 86_400_000;

function parse(week: string): { year: number; week: number } {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!match) throw new Error(`Not an ISO week: ${week}`);
  return { year: Number(match[1]), week: Number(match[2]) };
}

/** Monday of the ISO week, as a UTC midnight date. */
export function mondayOf(week: string): Date {
  const { year, week: n } = parse(week);
  const jan4 = Date.UTC(year, 0, 4);
  const jan4Weekday = (new Date(jan4).getUTCDay() + 6) % 7;
  return new Date(jan4 - jan4Weekday * DAY + (n - 1) * 7 * DAY);
}

/** The ISO week holding a UTC calendar date. */
export function weekOfUtcDate(date: Date): string {
  const day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const weekday = (new Date(day).getUTCDay() + 6) % 7;
  const thursday = new Date(day + (3 - weekday) * DAY);
  const year = thursday.getUTCFullYear();
  const firstThursday = mondayOf(`${year}-W01`).getTime() + 3 * DAY;
  const n = 1 + Math.round((thursday.getTime() - firstThursday) / (7 * DAY));
  return `${year}-W${String(n).padStart(2, '0')}`;
}

export function addWeeks(week: string, count: number): string {
  return weekOfUtcDate(new Date(mondayOf(week).getTime() + count * 7 * DAY));
}

/** This week in an IANA time zone (the organisation's), falling back to UTC for unknown zones. */
export function currentWeek(timeZone: string, now: Date = new Date()): string {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    }).formatToParts(now);
  } catch {
    return weekOfUtcDate(now);
  }
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return weekOfUtcDate(new Date(Date.UTC(get('year'), get('month') - 1, get('day'))));
}

export function weekNumber(week: string): number {
  return parse(week).week;
}

/** Orders ISO weeks; the zero-padded `YYYY-Www` form sorts as text. */
export const compareWeeks = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every week from `from` to `to`, both included (empty when `from` is after `to`). */
export function weeksBetween(from: string, to: string): string[] {
  const weeks: string[] = [];
  for (let week = from; compareWeeks(week, to) <= 0; week = addWeeks(week, 1)) weeks.push(week);
  return weeks;
}

/** Sunday of the ISO week, as a UTC midnight date. */
export const sundayOf = (week: string): Date => new Date(mondayOf(week).getTime() + 6 * DAY);
