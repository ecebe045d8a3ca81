import type { Impact } from '@leeway/contracts';
import { formatChange, formatCount, formatInterval, formatPoints } from '../../lib/format.ts';

type Relative = 'better' | 'worse' | 'same';

const shown = (value: number) => Math.round(value * 10) / 10;

/**
 * How the team's change compares with teams without an experiment, from the DiD interval as it
 * is shown (one decimal), so the words never disagree with the numbers beside them.
 */
function relativeOf(did: NonNullable<Impact['did']>): Relative {
  if (shown(did.ci95[0]) > 0) return 'better';
  if (shown(did.ci95[1]) < 0) return 'worse';
  return 'same';
}

/**
 * The comparison's interval crosses zero: the change may be larger, smaller or the same as the
 * other teams' — "about the same" would claim more than the data says.
 */
const cannotTellApart = (others: string) =>
  `we can't tell it apart from ${others} (the comparison's interval includes zero)`;

/**
 * The headline in plain words, e.g. "Engagement rose by 6.2 points (95 % CI 1.1 to 11.3) — more
 * than teams without an experiment that week". `null` when the impact is suppressed.
 */
export function verdictSentence(impact: Impact, durationWeeks: number): string | null {
  const { diff, ci95, verdict } = impact.effect;
  if (impact.suppressed || diff === null || ci95 === null || verdict === null) return null;
  const ci = `(95 % CI ${formatInterval(ci95)})`;
  const others = `teams without an experiment ${durationWeeks === 1 ? 'that week' : 'those weeks'}`;
  const relative = impact.did ? relativeOf(impact.did) : null;

  if (verdict === 'improved') {
    const head = `Engagement rose by ${formatPoints(diff)} points ${ci}`;
    if (!relative) return head;
    if (relative === 'same') return `${head} — ${cannotTellApart(others)}`;
    return `${head} — ${relative === 'better' ? 'more than' : 'less than'} ${others}`;
  }
  if (verdict === 'declined') {
    const head = `Engagement declined by ${formatPoints(-diff)} points ${ci}`;
    if (!relative) return head;
    if (relative === 'same') return `${head} — ${cannotTellApart(others)}`;
    return `${head} — ${relative === 'better' ? 'less than' : 'more than'} ${others}`;
  }
  const head = `Engagement did not change measurably (${formatChange(diff)} points, 95 % CI ${formatInterval(ci95)})`;
  if (!relative) return head;
  if (relative === 'same') return `${head} — ${cannotTellApart(others)}`;
  return `${head} — though it did ${relative} than ${others}`;
}

/**
 * "With 13 answers before and 9 during, only a change above 11.0 points would show." — for an
 * inconclusive result.
 */
export function detectableSentence(impact: Impact): string | null {
  if (impact.effect.verdict !== 'inconclusive' || impact.effect.mde === null) return null;
  return `With ${formatCount(impact.before.n)} answers before and ${formatCount(impact.after.n)} during, only a change above ${formatPoints(impact.effect.mde)} points would show.`;
}

/**
 * Why a suppressed impact shows nothing (docs/product.md §5): a window without a published week,
 * or one with fewer than k distinct people. The weeks left out are listed beside it.
 */
export function suppressedSentence(impact: Impact, k: number): string {
  const { before, after } = impact;
  const stillOpen = after.leftOut.length > 0 && after.leftOut.every((w) => w.reason === 'open');
  let why: string;
  if (before.weeks.length === 0 && after.weeks.length === 0) {
    why = stillOpen
      ? 'no week before it was published, and its first week is still open'
      : 'no week before it or during it was published';
  } else if (before.weeks.length === 0) {
    why = 'no week before it was published, so there is nothing to compare with';
  } else if (after.weeks.length === 0) {
    why = stillOpen
      ? 'its first week is still open; results appear once a week of it has closed'
      : 'no week during it was published';
  } else if (before.people < k) {
    why = `fewer than ${k} people answered in the weeks before it`;
  } else if (after.people < k) {
    why = `fewer than ${k} people answered in the weeks during it`;
  } else {
    why = `fewer than ${k} people answered in the weeks before or during it`;
  }
  return `Results are hidden to protect anonymity: ${why}.`;
}

/** Why there is no comparison with other teams, or what it found. */
export function comparisonSentence(impact: Impact): string {
  const { did } = impact;
  if (!did) return 'Not compared with other teams: no comparison teams with enough answers.';
  return `Against ${formatCount(did.comparisonTeams)} ${did.comparisonTeams === 1 ? 'team' : 'teams'} without an experiment (${formatCount(did.comparisonBefore)} answers before, ${formatCount(did.comparisonAfter)} during), the team's change minus theirs is ${formatChange(did.diff)} points (95 % CI ${formatInterval(did.ci95)}).`;
}
