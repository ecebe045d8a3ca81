import type { HiddenReason, WeekAggregate } from '@leeway/contracts';
import { formatChange } from './format.ts';
import { hiddenText, reasonOf } from './hidden.ts';

/**
 * The change of one figure since the previous closed week — only between two published weeks.
 * When either week is hidden, the change would let someone work the hidden figure out, so the
 * reason is given instead.
 */
export type Change =
  | { kind: 'change'; value: number }
  | { kind: 'hidden'; which: 'this' | 'previous'; reason: HiddenReason }
  | { kind: 'none' };

export function changeBetween(
  last: WeekAggregate | undefined,
  previous: WeekAggregate | undefined,
  figure: (week: WeekAggregate) => number | null,
): Change {
  if (!last || !previous) return { kind: 'none' };
  const lastReason = reasonOf(last);
  if (lastReason) return { kind: 'hidden', which: 'this', reason: lastReason };
  const previousReason = reasonOf(previous);
  if (previousReason) return { kind: 'hidden', which: 'previous', reason: previousReason };
  const a = figure(last);
  const b = figure(previous);
  if (a === null || b === null) return { kind: 'none' };
  return { kind: 'change', value: a - b };
}

/**
 * "+2.1 since the week before", "no change possible: the week before is hidden (fewer than 5
 * answers)". `unit` follows the number ("points", "percentage points").
 */
export function changeText(change: Change, k: number, unit = 'points'): string {
  switch (change.kind) {
    case 'change':
      return `${formatChange(change.value)} ${unit} since the week before`;
    case 'hidden':
      return change.which === 'previous'
        ? `no change shown: the week before is hidden (${hiddenText(change.reason, k)})`
        : `no change shown: this week is hidden (${hiddenText(change.reason, k)})`;
    case 'none':
      return 'no earlier closed week to compare with';
  }
}

/** Last and previous closed weeks of a series (closed weeks only, oldest first). */
export function lastTwo<T>(weeks: readonly T[]): { last: T | undefined; previous: T | undefined } {
  return { last: weeks.at(-1), previous: weeks.at(-2) };
}
