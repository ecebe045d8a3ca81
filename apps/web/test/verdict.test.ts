import type { Impact } from '@leeway/contracts';
import { describe, expect, it } from 'vitest';
import {
  comparisonSentence,
  detectableSentence,
  suppressedSentence,
  verdictSentence,
} from '../src/features/experiment/verdict.ts';

type Window = Impact['before'];
const pooled = (weeks: string[], people = 8, n = people * weeks.length): Window => ({
  weeks,
  leftOut: [],
  n,
  people,
  mean: 60,
  sd: 10,
});

function impact(
  overrides: Omit<Partial<Impact>, 'effect'> & { effect?: Partial<Impact['effect']> } = {},
): Impact {
  const { effect, ...rest } = overrides;
  return {
    experimentId: 'e1',
    status: 'completed',
    k: 5,
    partial: false,
    suppressed: false,
    before: pooled(['2026-W10', '2026-W11']),
    after: pooled(['2026-W12']),
    did: null,
    items: {
      energy: { before: null, after: null, diff: null },
      autonomy: { before: null, after: null, diff: null },
      voice: { before: null, after: null, diff: null },
      growth: { before: null, after: null, diff: null },
      trust: { before: null, after: null, diff: null },
    },
    enps: { before: null, after: null },
    reading: {
      measured: true,
      primaryOutcome: 'engagement',
      tooEarly: false,
      outcomes: [],
      overlaps: [],
      fidelity: { statement: '', weeks: [], mean: null },
      rebound: null,
    },
    ...rest,
    effect: {
      diff: 6.2,
      ci95: [1.1, 11.3],
      p: 0.02,
      hedgesG: 0.6,
      verdict: 'improved',
      mde: 5,
      df: 20,
      ...effect,
    },
  };
}

const did = (ci95: [number, number], diff = (ci95[0] + ci95[1]) / 2): Impact['did'] => ({
  diff,
  ci95,
  p: 0.04,
  df: 30,
  comparisonTeams: 3,
  comparisonBefore: 40,
  comparisonAfter: 21,
});
const MINUS = '[-−]';

describe('verdictSentence', () => {
  it('says a rise with its interval', () => {
    expect(verdictSentence(impact(), 1)).toBe(
      'Engagement rose by 6.2 points (95 % CI 1.1 to 11.3)',
    );
  });

  it('compares a rise with teams without an experiment, by the DiD interval', () => {
    expect(verdictSentence(impact({ did: did([0.5, 9]) }), 1)).toBe(
      'Engagement rose by 6.2 points (95 % CI 1.1 to 11.3) — more than teams without an experiment that week',
    );
    expect(verdictSentence(impact({ did: did([-9, -0.5]) }), 2)).toBe(
      'Engagement rose by 6.2 points (95 % CI 1.1 to 11.3) — less than teams without an experiment those weeks',
    );
  });

  it('says a decline by its size, and compares it the other way round', () => {
    const declined = impact({
      effect: { diff: -4, ci95: [-7, -1], verdict: 'declined' },
      did: did([-8, -2]),
    });
    expect(verdictSentence(declined, 1)).toMatch(
      new RegExp(
        `^Engagement declined by 4\\.0 points \\(95 % CI ${MINUS}7\\.0 to ${MINUS}1\\.0\\) — more than teams without an experiment that week$`,
      ),
    );
    expect(verdictSentence({ ...declined, did: did([1, 5]) }, 1)).toMatch(/— less than teams /);
  });

  it('says an inconclusive result with its signed change, and what the comparison found', () => {
    const unclear = impact({ effect: { diff: 0.5, ci95: [-3, 4], verdict: 'inconclusive' } });
    expect(verdictSentence(unclear, 1)).toMatch(
      new RegExp(
        `^Engagement did not change measurably \\(\\+0\\.5 points, 95 % CI ${MINUS}3\\.0 to 4\\.0\\)$`,
      ),
    );
    expect(verdictSentence({ ...unclear, did: did([0.4, 6]) }, 1)).toMatch(
      /— though it did better than teams without an experiment that week$/,
    );
  });

  it('says nothing when the impact is hidden or has no estimate', () => {
    expect(verdictSentence(impact({ suppressed: true }), 1)).toBeNull();
    expect(verdictSentence(impact({ effect: { diff: null, ci95: null, verdict: null } }), 1)).toBe(
      null,
    );
  });
});

describe('detectableSentence', () => {
  it('gives the smallest change that would have shown, for an inconclusive result only', () => {
    const unclear = impact({ effect: { verdict: 'inconclusive', mde: 11 } });
    expect(detectableSentence(unclear)).toBe(
      'With 16 answers before and 8 during, only a change above 11.0 points would show.',
    );
    expect(detectableSentence(impact())).toBeNull();
  });
});

describe('suppressedSentence', () => {
  const hidden = (before: Window, after: Window) => impact({ suppressed: true, before, after });
  const open = { week: '2026-W12', reason: 'open' as const };

  it('names the window without a published week, or with too few people', () => {
    expect(suppressedSentence(hidden(pooled([]), pooled([])), 5)).toBe(
      'Results are hidden to protect anonymity: no week before it or during it was published.',
    );
    expect(suppressedSentence(hidden(pooled([]), pooled(['2026-W12'])), 5)).toBe(
      'Results are hidden to protect anonymity: no week before it was published, so there is nothing to compare with.',
    );
    expect(suppressedSentence(hidden(pooled(['2026-W10']), pooled([])), 5)).toBe(
      'Results are hidden to protect anonymity: no week during it was published.',
    );
    expect(suppressedSentence(hidden(pooled(['2026-W10'], 3), pooled(['2026-W12'])), 5)).toBe(
      'Results are hidden to protect anonymity: fewer than 5 people answered in the weeks before it.',
    );
    expect(suppressedSentence(hidden(pooled(['2026-W10']), pooled(['2026-W12'], 4)), 5)).toBe(
      'Results are hidden to protect anonymity: fewer than 5 people answered in the weeks during it.',
    );
  });

  it('says when the first week is still open', () => {
    const waiting = { ...pooled([]), leftOut: [open] };
    expect(suppressedSentence(hidden(pooled(['2026-W10']), waiting), 5)).toBe(
      'Results are hidden to protect anonymity: its first week is still open; results appear once a week of it has closed.',
    );
    expect(suppressedSentence(hidden(pooled([]), waiting), 5)).toBe(
      'Results are hidden to protect anonymity: no week before it was published, and its first week is still open.',
    );
  });
});

describe('comparisonSentence', () => {
  it('says why there is no comparison, or what it found', () => {
    expect(comparisonSentence(impact())).toBe(
      'Not compared with other teams: no comparison teams with enough answers.',
    );
    expect(comparisonSentence(impact({ did: did([0.5, 9], 4.7) }))).toBe(
      "Against 3 teams without an experiment (40 answers before, 21 during), the team's change minus theirs is +4.7 points (95 % CI 0.5 to 9.0).",
    );
  });
});
