import { DateTime, IANAZone } from 'luxon';

/** An ISO week written `YYYY-Www`, e.g. `2026-W05`. */
export type IsoWeek = string;

const WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;
const MS_PER_WEEK = 7 * 24 * 60 * 60 * 1000;

interface WeekParts {
  weekYear: number;
  weekNumber: number;
}

const MS_PER_DAY = 24 * 60 * 60 * 1000;

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

/**
 * Monday of the week at 00:00 UTC, in milliseconds; week arithmetic is done here, where every
 * week is 7 days long (plain arithmetic: these run for every week of every range served).
 */
function utcMondayMs(week: IsoWeek): number {
  const { weekYear, weekNumber } = requireWeek(week);
  return firstMondayMs(weekYear) + (weekNumber - 1) * MS_PER_WEEK;
}

/** The ISO week of a UTC Monday: its Thursday's year, and that Thursday's week of the year. */
function weekOfUtcMonday(mondayMs: number): IsoWeek {
  const thursday = new Date(mondayMs + 3 * MS_PER_DAY);
  const weekYear = thursday.getUTCFullYear();
  return formatWeek(weekYear, Math.round((mondayMs - firstMondayMs(weekYear)) / MS_PER_WEEK) + 1);
}

export function isIsoWeek(value: string): boolean {
  return typeof value === 'string' && parseWeek(value) !== null;
}

// Checking a zone builds an Intl.DateTimeFormat, which is slow; the valid names are few.
const validZones = new Set<string>();

export function isValidTimeZone(tz: string): boolean {
  if (typeof tz !== 'string') return false;
  if (validZones.has(tz)) return true;
  const valid = IANAZone.isValidZone(tz);
  if (valid) validZones.add(tz);
  return valid;
}

/**
 * The zones an organisation's weeks are kept in. A change of zone takes effect at the next week
 * boundary (docs/product.md §2): every week up to and including `untilWeek` of an earlier entry
 * keeps that entry's zone, later weeks use `timezone`. Entries are sorted by `untilWeek`.
 */
export interface WeekCalendar {
  timezone: string;
  earlierZones?: readonly EarlierZone[];
}
export interface EarlierZone {
  untilWeek: IsoWeek;
  timezone: string;
}
/** A zone name, or an organisation's calendar of zones. */
export type Zone = string | WeekCalendar;

/** The zone a week is kept in. */
export function zoneOfWeek(week: IsoWeek, zone: Zone): string {
  if (typeof zone === 'string') return zone;
  for (const earlier of zone.earlierZones ?? []) {
    if (week <= earlier.untilWeek) return earlier.timezone;
  }
  return zone.timezone;
}

const hasEarlierZones = (zone: Zone): boolean =>
  typeof zone !== 'string' && (zone.earlierZones?.length ?? 0) > 0;
const zoneName = (zone: Zone): string => (typeof zone === 'string' ? zone : zone.timezone);

/** The week an instant falls in. */
export function weekOf(instant: Date, zone: Zone): IsoWeek {
  if (!hasEarlierZones(zone))
    return weekOfInZone(instant, typeof zone === 'string' ? zone : zone.timezone);
  // Weeks are contiguous across a change of zone, so the week in the current zone is at most one
  // week off; step to the one whose bounds hold the instant.
  let week = weekOfInZone(instant, zoneName(zone));
  for (let step = 0; step < 4; step++) {
    const { opensAt, closesAt } = weekBounds(week, zone);
    if (instant < opensAt) week = addWeeks(week, -1);
    else if (instant >= closesAt) week = addWeeks(week, 1);
    else return week;
  }
  return week;
}

function weekOfInZone(instant: Date, timeZone: string): IsoWeek {
  requireTimeZone(timeZone);
  const local = DateTime.fromJSDate(instant, { zone: timeZone });
  if (!local.isValid) throw new RangeError(`Invalid instant: ${String(instant)}`);
  return formatWeek(local.weekYear, local.weekNumber);
}

// Bounds are asked for every week of every range served; luxon makes each one slowly.
const boundsCache = new Map<string, { opensAt: number; closesAt: number }>();
const BOUNDS_CACHE_LIMIT = 20_000;

/**
 * When a week opens and closes (exclusive end). In one zone: Monday 00:00 local time of `week`
 * and of the following week. Across a change of zone a week opens when the previous one closed,
 * in the previous week's zone, so no instant belongs to two weeks or to none. Where local
 * midnight does not exist (a DST gap at 00:00), luxon moves forward to the first valid local
 * time, which is still the first instant of that Monday.
 */
export function weekBounds(week: IsoWeek, zone: Zone): { opensAt: Date; closesAt: Date } {
  if (!hasEarlierZones(zone)) {
    const bounds = boundsInZone(week, zoneName(zone));
    return { opensAt: new Date(bounds.opensAt), closesAt: new Date(bounds.closesAt) };
  }
  const own = boundsInZone(week, zoneOfWeek(week, zone));
  const previous = addWeeks(week, -1);
  const opensAt = boundsInZone(previous, zoneOfWeek(previous, zone)).closesAt;
  return { opensAt: new Date(opensAt), closesAt: new Date(own.closesAt) };
}

function boundsInZone(week: IsoWeek, timeZone: string): { opensAt: number; closesAt: number } {
  const key = `${week}|${timeZone}`;
  let bounds = boundsCache.get(key);
  if (!bounds) {
    requireTimeZone(timeZone);
    const mondayStart = (w: IsoWeek): number => {
      const { weekYear, weekNumber } = requireWeek(w);
      return DateTime.fromObject(
        { weekYear, weekNumber, weekday: 1 },
        { zone: timeZone },
      ).toMillis();
    };
    bounds = { opensAt: mondayStart(week), closesAt: mondayStart(addWeeks(week, 1)) };
    if (boundsCache.size >= BOUNDS_CACHE_LIMIT) boundsCache.clear();
    boundsCache.set(key, bounds);
  }
  return bounds;
}

/**
 * The calendar after changing the zone at `now`: the week in progress keeps its zone (and so its
 * bounds); the new zone applies from the next week on.
 */
export function changeZone(
  calendar: WeekCalendar,
  timezone: string,
  now: Date,
): { timezone: string; earlierZones: EarlierZone[] } {
  requireTimeZone(timezone);
  const current = weekOf(now, calendar);
  const earlier = [...(calendar.earlierZones ?? [])];
  const last = earlier.at(-1);
  // Changed already this week: the week keeps the zone it opened in, recorded then.
  if (!last || last.untilWeek < current) {
    if (calendar.timezone !== timezone)
      earlier.push({ untilWeek: current, timezone: calendar.timezone });
  }
  return { timezone, earlierZones: earlier };
}

export function addWeeks(week: IsoWeek, n: number): IsoWeek {
  if (!Number.isInteger(n)) throw new RangeError(`Week offset must be an integer: ${n}`);
  return weekOfUtcMonday(utcMondayMs(week) + n * MS_PER_WEEK);
}

export function weekDiff(a: IsoWeek, b: IsoWeek): number {
  return Math.round((utcMondayMs(b) - utcMondayMs(a)) / MS_PER_WEEK);
}

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
