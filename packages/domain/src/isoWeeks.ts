/**
 * ISO-week arithmetic on `YYYY-Www` strings, with no time zone library: the API (through
 * `weeks.ts`, which adds the zones), the web app and the browser tests all count weeks with these.
 * Every week is 7 days long here, so adding, comparing and listing weeks is plain arithmetic on
 * the week's Monday at 00:00 UTC.
 */

/** An ISO week written `YYYY-Www`, e.g. `2026-W05`. */
export type IsoWeek = string;

const WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;
const MS_PER_DAY = 24 * 60 * 60 * 1000;
const MS_PER_WEEK = 7 * MS_PER_DAY;

export interface WeekParts {
  weekYear: number;
  weekNumber: number;
}

/** Monday 00:00 UTC of ISO week 1: the Monday on or before 4 January. */
function firstMondayMs(weekYear: number): number {
  const jan4 = new Date(0);
  jan4.setUTCFullYear(weekYear, 0, 4);
  const isoDay = jan4.getUTCDay() || 7;
  return jan4.getTime() - (isoDay - 1) * MS_PER_DAY;
}

/** 52 or 53: a year has 53 ISO weeks when week 1 of the next year starts 53 weeks later. */
function weeksInWeekYear(weekYear: number): number {
  return Math.round((firstMondayMs(weekYear + 1) - firstMondayMs(weekYear)) / MS_PER_WEEK);
}

function parseWeek(value: string): WeekParts | null {
  const match = WEEK_PATTERN.exec(value);
  if (!match) return null;
  const weekYear = Number(match[1]);
  const weekNumber = Number(match[2]);
  // Every week year has weeks 1–52; only week 53 needs the calendar (this runs very often).
  if (weekYear < 1 || weekNumber < 1 || (weekNumber > 52 && weekNumber > weeksInWeekYear(weekYear)))
    return null;
  return { weekYear, weekNumber };
}

/** The week year and number of a week; throws a RangeError for anything that is not one. */
export function requireWeek(week: IsoWeek): WeekParts {
  const parts = parseWeek(week);
  if (!parts) throw new RangeError(`Invalid ISO week: ${JSON.stringify(week)}`);
  return parts;
}

/** The week written `YYYY-Www` from its week year and number. */
export function weekFromParts(weekYear: number, weekNumber: number): IsoWeek {
  if (weekYear < 1 || weekYear > 9999) {
    throw new RangeError(`ISO week year out of range: ${weekYear}`);
  }
  return `${String(weekYear).padStart(4, '0')}-W${String(weekNumber).padStart(2, '0')}`;
}

/**
 * Monday of the week at 00:00 UTC, in milliseconds; week arithmetic is done here (plain
 * arithmetic: these run for every week of every range served).
 */
function utcMondayMs(week: IsoWeek): number {
  const { weekYear, weekNumber } = requireWeek(week);
  return firstMondayMs(weekYear) + (weekNumber - 1) * MS_PER_WEEK;
}

/** The ISO week of a UTC Monday: its Thursday's year, and that Thursday's week of the year. */
function weekOfUtcMonday(mondayMs: number): IsoWeek {
  const thursday = new Date(mondayMs + 3 * MS_PER_DAY);
  const weekYear = thursday.getUTCFullYear();
  return weekFromParts(
    weekYear,
    Math.round((mondayMs - firstMondayMs(weekYear)) / MS_PER_WEEK) + 1,
  );
}

export function isIsoWeek(value: string): boolean {
  return typeof value === 'string' && parseWeek(value) !== null;
}

/** Monday of the week as a UTC midnight date (a calendar date, not the instant the week opens). */
export const mondayOf = (week: IsoWeek): Date => new Date(utcMondayMs(week));

/** The ISO week holding a calendar date, given as the UTC midnight (or any time) of that date. */
export function weekOfUtcDate(date: Date): IsoWeek {
  const day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const daysSinceMonday = (new Date(day).getUTCDay() + 6) % 7;
  return weekOfUtcMonday(day - daysSinceMonday * MS_PER_DAY);
}

/**
 * The week it is at `instant` in an IANA time zone, from the calendar date there (`Intl`, which
 * every browser has). The API's `weekOf` in `weeks.ts` gives the same week, and also knows an
 * organisation's earlier zones. Throws a RangeError for an unknown zone.
 */
export function weekInTimeZone(timeZone: string, instant: Date = new Date()): IsoWeek {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value);
  return weekOfUtcDate(new Date(Date.UTC(part('year'), part('month') - 1, part('day'))));
}

/** The week number of an ISO week: 10 for `2026-W10`. */
export const weekNumberOf = (week: IsoWeek): number => requireWeek(week).weekNumber;

export function addWeeks(week: IsoWeek, n: number): IsoWeek {
  if (!Number.isInteger(n)) throw new RangeError(`Week offset must be an integer: ${n}`);
  return weekOfUtcMonday(utcMondayMs(week) + n * MS_PER_WEEK);
}

/** How many weeks `b` is after `a` (negative when before). */
export function weekDiff(a: IsoWeek, b: IsoWeek): number {
  return Math.round((utcMondayMs(b) - utcMondayMs(a)) / MS_PER_WEEK);
}

/** Every week from `from` to `to`, both included (empty when `from` is after `to`). */
export function weekRange(from: IsoWeek, to: IsoWeek): IsoWeek[] {
  const count = weekDiff(from, to);
  const weeks: IsoWeek[] = [];
  for (let i = 0; i <= count; i++) weeks.push(addWeeks(from, i));
  return weeks;
}

// Weeks already checked: comparisons run millions of times over the same few hundred weeks.
const checkedWeeks = new Set<string>();

function requireChecked(week: IsoWeek): void {
  if (checkedWeeks.has(week)) return;
  requireWeek(week);
  if (checkedWeeks.size >= 10_000) checkedWeeks.clear();
  checkedWeeks.add(week);
}

export function compareWeeks(a: IsoWeek, b: IsoWeek): number {
  requireChecked(a);
  requireChecked(b);
  // Valid week strings are fixed-width and zero-padded, so they sort lexicographically.
  return a < b ? -1 : a > b ? 1 : 0;
}
