import type { ExperimentStatus } from './vocabulary.ts';
import { addWeeks, compareWeeks, type IsoWeek } from './weeks.ts';

export type { ExperimentStatus } from './vocabulary.ts';

export interface ExperimentSchedule {
  startWeek: IsoWeek;
  durationWeeks: number;
  baselineWeeks: number;
  /** The week in which it was cancelled, if it was. */
  cancelledWeek: IsoWeek | null;
}

export const endWeekOf = (startWeek: IsoWeek, durationWeeks: number): IsoWeek =>
  addWeeks(startWeek, durationWeeks - 1);

/** Status follows the calendar: planned before its first week, running through its last, then completed. */
export function experimentStatus(e: ExperimentSchedule, currentWeek: IsoWeek): ExperimentStatus {
  if (e.cancelledWeek !== null) return 'cancelled';
  if (compareWeeks(currentWeek, e.startWeek) < 0) return 'planned';
  if (compareWeeks(currentWeek, endWeekOf(e.startWeek, e.durationWeeks)) <= 0) return 'running';
  return 'completed';
}

/**
 * The weeks an experiment holds on its team's calendar: all of them, or, once cancelled, those
 * up to and including the week it was cancelled in (none if cancelled before it started).
 */
export function occupiedWeeks(e: ExperimentSchedule): { from: IsoWeek; to: IsoWeek } | null {
  const end = endWeekOf(e.startWeek, e.durationWeeks);
  if (e.cancelledWeek === null) return { from: e.startWeek, to: end };
  if (compareWeeks(e.cancelledWeek, e.startWeek) < 0) return null;
  return { from: e.startWeek, to: compareWeeks(e.cancelledWeek, end) < 0 ? e.cancelledWeek : end };
}

export const rangesOverlap = (
  a: { from: IsoWeek; to: IsoWeek },
  b: { from: IsoWeek; to: IsoWeek },
) => compareWeeks(a.from, b.to) <= 0 && compareWeeks(b.from, a.to) <= 0;

/** docs/product.md §5: before = s−b … s−1, after = s … s+d−1 (cut at the current week while running). */
export function impactWindows(
  e: ExperimentSchedule,
  currentWeek: IsoWeek,
): {
  before: { from: IsoWeek; to: IsoWeek };
  after: { from: IsoWeek; to: IsoWeek } | null;
  partial: boolean;
} {
  const before = { from: addWeeks(e.startWeek, -e.baselineWeeks), to: addWeeks(e.startWeek, -1) };
  const end = endWeekOf(e.startWeek, e.durationWeeks);
  if (compareWeeks(currentWeek, e.startWeek) < 0) return { before, after: null, partial: true };
  const partial = compareWeeks(currentWeek, end) <= 0;
  return { before, after: { from: e.startWeek, to: partial ? currentWeek : end }, partial };
}
