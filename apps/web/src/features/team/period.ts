import { addWeeks, currentWeek } from '../../lib/week.ts';

export const PERIODS = [8, 12, 16, 26, 52];
export const DEFAULT_PERIOD = 16;

/**
 * The weeks the team page shows: the period asked for in its address (`?weeks=`, one of
 * `PERIODS`), up to this week in the organisation's time zone.
 */
export function trendsPeriod(timeZone: string, weeks: string | null) {
  const requested = Number(weeks);
  const period = PERIODS.includes(requested) ? requested : DEFAULT_PERIOD;
  const to = currentWeek(timeZone);
  return { period, from: addWeeks(to, -(period - 1)), to };
}
