import { DateTime, IANAZone } from 'luxon';
import { addWeeks, type IsoWeek, requireWeek, weekFromParts } from './isoWeeks.ts';

// The arithmetic of weeks lives without luxon in isoWeeks.ts (the web app uses it too); this
// module adds the time zones: when a week opens and closes, and which week an instant is in.
export {
  addWeeks,
  compareWeeks,
  type IsoWeek,
  isIsoWeek,
  weekDiff,
  weekRange,
} from './isoWeeks.ts';

// Checking a zone builds an Intl.DateTimeFormat, which is slow; the valid names are few.
const validZones = new Set<string>();

export function isValidTimeZone(tz: string): boolean {
  if (typeof tz !== 'string') return false;
  if (validZones.has(tz)) return true;
  const valid = IANAZone.isValidZone(tz);
  if (valid) validZones.add(tz);
  return valid;
}

function requireTimeZone(timeZone: string): void {
  if (!isValidTimeZone(timeZone)) {
    throw new RangeError(`Invalid IANA time zone: ${JSON.stringify(timeZone)}`);
  }
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
  return weekFromParts(local.weekYear, local.weekNumber);
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
