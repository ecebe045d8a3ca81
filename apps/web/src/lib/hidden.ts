import type { HiddenReason, OpenWeek } from '@leeway/contracts';
import { formatWeek } from './format.ts';
import { formatClosingIn } from './time.ts';

/**
 * Why a figure is not shown: the stored reason of a closed week (docs/product.md §4), or `open`
 * for the week in progress, of which nothing is shown at all.
 */
export type HiddenWhy = HiddenReason | 'open';

/**
 * The one wording of a hidden figure (docs/product.md §7), used by every chart, table, tooltip,
 * heatmap cell and list, so a hidden figure always says why and never reads as zero.
 */
export function hiddenText(reason: HiddenWhy, k: number): string {
  switch (reason) {
    case 'fewer_than_k':
      return `fewer than ${k} answers`;
    case 'protecting':
      return 'hidden to protect a smaller team';
    case 'no_data':
      return 'no members yet';
    case 'open':
      return 'this week is still open';
  }
}

/** A closed week's reason, falling back to the commonest one for a suppressed week without one. */
export const reasonOf = (week: {
  suppressed: boolean;
  reason: HiddenReason | null;
}): HiddenReason | null => week.reason ?? (week.suppressed ? 'fewer_than_k' : null);

/** A week before the team had its first members: shown neutrally, not as a hidden figure. */
export const BEFORE_START_TEXT = 'before the team existed';

/**
 * A team's weeks from the first one it had members: the `no_data` weeks before it are not hidden
 * figures, there was simply no team yet. `no_data` weeks later on (everyone left) are kept.
 */
export function fromFirstMembers<T extends { reason: HiddenReason | null }>(weeks: T[]): T[] {
  const first = weeks.findIndex((w) => w.reason !== 'no_data');
  return first < 0 ? [] : first === 0 ? weeks : weeks.slice(first);
}

/** How many leading `no_data` entries a series has (the weeks before a team existed). */
export const weeksBeforeStart = (cells: { reason: HiddenReason | null }[]): number => {
  const first = cells.findIndex((c) => c.reason !== 'no_data');
  return first < 0 ? cells.length : first;
};

/**
 * "open until Sunday 6 Dec, 23:59 (Europe/Berlin)": when the week in progress closes, in the
 * organisation's time zone, named. `closesAt` is the exclusive end (Monday 00:00), so the last
 * minute is shown, as people expect.
 */
export function openUntilText(current: OpenWeek, timeZone: string): string {
  return `open until ${formatClosingIn(current.closesAt, timeZone)}`;
}

/** "Week 49 · 30 Nov 2026 · open until Sunday 6 Dec, 23:59 (Europe/Berlin)" */
export const openWeekText = (current: OpenWeek, timeZone: string): string =>
  `${formatWeek(current.week)} · ${openUntilText(current, timeZone)}`;
