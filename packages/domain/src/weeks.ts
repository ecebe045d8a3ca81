import { DateTime, IANAZone } from 'luxon';

/** An ISO week written `YYYY-Www`, e.g. `2026-W05`. */
export type IsoWeek = string;

const WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;
const MS_PER_WEEK = 7 * 24 * 60 * 60 * 1000;

interface WeekParts {
  weekYear: number;
  weekNumber: number;
}

function weeksInWeekYear(weekYear: number): number {
  return DateTime.fromObject({ weekYear, weekNumber: 1, weekday: 1 }, { zone: 'UTC' })
    .weeksInWeekYear;
}

function parseWeek(value: string): WeekParts | null {
  const match = WEEK_PATTERN.exec(value);
  if (!match) return null;
  const weekYear = Number(match[1]);
  const weekNumber = Number(match[2]);
  if (weekYear < 1 || weekNumber < 1 || weekNumber > weeksInWeekYear(weekYear)) return null;
  return { weekYear, weekNumber };
}

function requireWeek(week: IsoWeek): WeekParts {
  const parts = parseWeek(week);
  if (!parts) throw new RangeError(`Invalid ISO week: ${JSON.stringify(week)}`);
  return parts;
}

function requireTimeZone(timeZone: string): void {
  if (!isValidTimeZone(timeZone)) {
    throw new RangeError(`Invalid IANA time zone: ${JSON.stringify(timeZone)}`);
  }
}

function formatWeek(weekYear: number, weekNumber: number): IsoWeek {
  if (weekYear < 1 || weekYear > 9999) {
    throw new RangeError(`ISO week year out of range: ${weekYear}`);
  }
  return `${String(weekYear).padStart(4, '0')}-W${String(weekNumber).padStart(2, '0')}`;
}

/** Monday of the week at 00:00 UTC; week arithmetic is done here, where every week is 7 days long. */
function utcMonday(week: IsoWeek): DateTime {
  const { weekYear, weekNumber } = requireWeek(week);
  return DateTime.fromObject({ weekYear, weekNumber, weekday: 1 }, { zone: 'UTC' });
}

export function isIsoWeek(value: string): boolean {
  return typeof value === 'string' && parseWeek(value) !== null;
}

export function isValidTimeZone(tz: string): boolean {
  return typeof tz === 'string' && IANAZone.isValidZone(tz);
}

export function weekOf(instant: Date, timeZone: string): IsoWeek {
  requireTimeZone(timeZone);
  const local = DateTime.fromJSDate(instant, { zone: timeZone });
  if (!local.isValid) throw new RangeError(`Invalid instant: ${String(instant)}`);
  return formatWeek(local.weekYear, local.weekNumber);
}

/**
 * Monday 00:00 local time of `week` and of the following week (exclusive end). Where local
 * midnight does not exist (a DST gap at 00:00), luxon moves forward to the first valid local
 * time, which is still the first instant of that Monday.
 */
export function weekBounds(week: IsoWeek, timeZone: string): { opensAt: Date; closesAt: Date } {
  requireTimeZone(timeZone);
  const mondayStart = (w: IsoWeek): Date => {
    const { weekYear, weekNumber } = requireWeek(w);
    return DateTime.fromObject({ weekYear, weekNumber, weekday: 1 }, { zone: timeZone }).toJSDate();
  };
  return { opensAt: mondayStart(week), closesAt: mondayStart(addWeeks(week, 1)) };
}

export function addWeeks(week: IsoWeek, n: number): IsoWeek {
  if (!Number.isInteger(n)) throw new RangeError(`Week offset must be an integer: ${n}`);
  const shifted = utcMonday(week).plus({ weeks: n });
  return formatWeek(shifted.weekYear, shifted.weekNumber);
}

export function weekDiff(a: IsoWeek, b: IsoWeek): number {
  return Math.round((utcMonday(b).toMillis() - utcMonday(a).toMillis()) / MS_PER_WEEK);
}

export function weekRange(from: IsoWeek, to: IsoWeek): IsoWeek[] {
  const count = weekDiff(from, to);
  const weeks: IsoWeek[] = [];
  for (let i = 0; i <= count; i++) weeks.push(addWeeks(from, i));
  return weeks;
}

export function compareWeeks(a: IsoWeek, b: IsoWeek): number {
  requireWeek(a);
  requireWeek(b);
  // Valid week strings are fixed-width and zero-padded, so they sort lexicographically.
  return a < b ? -1 : a > b ? 1 : 0;
}
