import { DateTime } from 'luxon';
import { type IsoWeek, type Zone, zoneOfWeek } from './weeks.ts';

export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * The instant of a local wall-clock time (`HH:MM`) on a weekday of an ISO week, in the zone that
 * week is kept in (an org's week calendar). Across a DST change the wall-clock time holds: 09:00
 * is 09:00 local before and after. A time that does not exist that day (inside a spring-forward
 * gap) moves forward by the gap, as luxon does; one that exists twice (fall back) is the first.
 */
export function localMoment(week: IsoWeek, zone: Zone, day: Weekday, time: string): Date {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) throw new RangeError(`Invalid local time: ${time}`);
  const [weekYear, weekNumber] = week.split('-W').map(Number) as [number, number];
  return DateTime.fromObject(
    {
      weekYear,
      weekNumber,
      weekday: (WEEKDAYS.indexOf(day) + 1) as 1 | 2 | 3 | 4 | 5 | 6 | 7,
      hour: Number(match[1]),
      minute: Number(match[2]),
    },
    { zone: zoneOfWeek(week, zone) },
  ).toJSDate();
}

/** "Sunday 6 December 2026, 23:59 (Europe/Berlin)": a time as the org reads it, zone shown. */
export function formatLocal(instant: Date, timezone: string): string {
  const local = DateTime.fromJSDate(instant, { zone: timezone });
  return `${local.setLocale('en-GB').toFormat('cccc d LLLL yyyy, HH:mm')} (${timezone})`;
}
