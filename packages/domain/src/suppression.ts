import type { WeekState } from './vocabulary.ts';

/** docs/product.md §4: the minimum reporting group `k` defaults to 5 and is never below 3. */
export const DEFAULT_MIN_GROUP_SIZE = 5;
export const MIN_MIN_GROUP_SIZE = 3;

// A k below the floor is a bug upstream (settings are validated on write); refusing it here
// keeps a bad value from ever weakening anonymity silently.
function requireK(k: number): void {
  if (!Number.isInteger(k) || k < MIN_MIN_GROUP_SIZE) {
    throw new RangeError(`Minimum group size must be an integer >= ${MIN_MIN_GROUP_SIZE}: ${k}`);
  }
}

function requireCount(respondents: number): void {
  if (!Number.isInteger(respondents) || respondents < 0) {
    throw new RangeError(`Respondent count must be a non-negative integer: ${respondents}`);
  }
}

/** Fewer than k respondents (including none: there is nothing to show). */
export function isSuppressed(respondents: number, k: number): boolean {
  requireK(k);
  requireCount(respondents);
  return respondents < k;
}

export function suppress<T>(
  respondents: number,
  k: number,
  values: T,
): { suppressed: true; values: null } | { suppressed: false; values: T } {
  return isSuppressed(respondents, k)
    ? { suppressed: true, values: null }
    : { suppressed: false, values };
}

/**
 * Complementary suppression of one parent (e.g. one week of an org) over its children (its
 * teams), so that parent − visible children never reveals a group of 1..k−1 respondents.
 *
 * Children under k are suppressed. If together they hold 1..k−1 respondents, further children
 * are suppressed, smallest first (ties by `rank`, a random number drawn once and stored, then by
 * key), skipping empty ones, until the suppressed
 * children hold at least k; if none is left to add, the parent is suppressed instead. The
 * parent is also suppressed when its own total is under k.
 */
export function complementarySuppression(
  children: { key: string; respondents: number; rank?: number }[],
  k: number,
): { suppressedKeys: Set<string>; parentSuppressed: boolean } {
  requireK(k);
  const seen = new Set<string>();
  for (const child of children) {
    requireCount(child.respondents);
    if (seen.has(child.key)) throw new RangeError(`Duplicate child key: ${child.key}`);
    seen.add(child.key);
  }

  const suppressedKeys = new Set<string>();
  let total = 0;
  let hidden = 0;
  for (const child of children) {
    total += child.respondents;
    if (child.respondents < k) {
      suppressedKeys.add(child.key);
      hidden += child.respondents;
    }
  }
  let parentSuppressed = total < k;

  if (hidden > 0 && hidden < k) {
    const candidates = children
      .filter((c) => c.respondents > 0 && !suppressedKeys.has(c.key))
      .sort(
        (a, b) =>
          a.respondents - b.respondents ||
          (a.rank ?? 0) - (b.rank ?? 0) ||
          (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
      );
    for (const candidate of candidates) {
      if (hidden >= k) break;
      suppressedKeys.add(candidate.key);
      hidden += candidate.respondents;
    }
    if (hidden < k) parentSuppressed = true;
  }

  return { suppressedKeys, parentSuppressed };
}

export type { WeekState } from './vocabulary.ts';

export interface ClosedCell {
  key: string;
  /** Distinct people who answered (one answer per person per week). */
  respondents: number;
  /** Members when the week ended. */
  members: number;
  /** A random number drawn once when the week closed: breaks ties between equal teams. */
  rank: number;
}

/**
 * Decides every team of one closed week under threshold `k`: `no_data` without members or
 * answers, `fewer_than_k` under k people, `protecting` when complementary suppression hides it so
 * that the org-wide total minus the shown teams cannot isolate the hidden ones, else `published`.
 * Because teams are ordered once (respondents, then the stored rank), the hidden set under a
 * larger k contains the hidden set under a smaller one: showing a week under two thresholds
 * reveals nothing that the smaller threshold did not.
 */
export function decideWeek(
  cells: ClosedCell[],
  k: number,
): { states: Map<string, WeekState>; orgHidden: boolean } {
  const states = new Map<string, WeekState>();
  const present: ClosedCell[] = [];
  for (const cell of cells) {
    if (cell.members > 0 || cell.respondents > 0) present.push(cell);
    else states.set(cell.key, 'no_data');
  }
  const { suppressedKeys, parentSuppressed } = complementarySuppression(present, k);
  for (const cell of present) {
    states.set(
      cell.key,
      !suppressedKeys.has(cell.key)
        ? 'published'
        : cell.respondents < k
          ? 'fewer_than_k'
          : 'protecting',
    );
  }
  return { states, orgHidden: parentSuppressed };
}
