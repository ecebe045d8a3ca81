import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  complementarySuppression,
  DEFAULT_MIN_GROUP_SIZE,
  isSuppressed,
  MIN_MIN_GROUP_SIZE,
  suppress,
} from '../src/suppression.ts';

const teams = (counts: Record<string, number>) =>
  Object.entries(counts).map(([key, respondents]) => ({ key, respondents }));

const run = (counts: Record<string, number>, k: number) => {
  const { suppressedKeys, parentSuppressed } = complementarySuppression(teams(counts), k);
  return { suppressed: [...suppressedKeys].sort(), parentSuppressed };
};

describe('isSuppressed / suppress', () => {
  it('has the §4 defaults', () => {
    expect(DEFAULT_MIN_GROUP_SIZE).toBe(5);
    expect(MIN_MIN_GROUP_SIZE).toBe(3);
  });

  it('suppresses below k and shows from k on', () => {
    for (const k of [3, 5, 10]) {
      expect(isSuppressed(k - 1, k)).toBe(true);
      expect(isSuppressed(k, k)).toBe(false);
      expect(isSuppressed(k + 1, k)).toBe(false);
      expect(isSuppressed(0, k)).toBe(true);
    }
  });

  it('returns null values with suppressed: true, and the values otherwise', () => {
    expect(suppress(4, 5, { mean: 61.25 })).toEqual({ suppressed: true, values: null });
    expect(suppress(5, 5, { mean: 61.25 })).toEqual({ suppressed: false, values: { mean: 61.25 } });
    expect(suppress(0, 3, 0)).toEqual({ suppressed: true, values: null });
  });

  it('refuses a k below 3 and impossible counts rather than weakening anonymity', () => {
    expect(() => isSuppressed(2, 2)).toThrow(RangeError);
    expect(() => isSuppressed(4, 4.5)).toThrow(RangeError);
    expect(() => isSuppressed(-1, 5)).toThrow(RangeError);
    expect(() => isSuppressed(2.5, 5)).toThrow(RangeError);
    expect(() => complementarySuppression(teams({ a: 5 }), 1)).toThrow(RangeError);
  });
});

describe('complementarySuppression', () => {
  it('suppresses nothing when every team reaches k', () => {
    expect(run({ a: 5, b: 7, c: 12 }, 5)).toEqual({ suppressed: [], parentSuppressed: false });
  });

  it('one small team: also suppresses the next smallest, so the org total cannot reveal it', () => {
    expect(run({ a: 2, b: 9, c: 6, d: 12 }, 5)).toEqual({
      suppressed: ['a', 'c'],
      parentSuppressed: false,
    });
  });

  it('a team of k − 1 alone is still complemented', () => {
    expect(run({ a: 4, b: 5, c: 20 }, 5)).toEqual({
      suppressed: ['a', 'b'],
      parentSuppressed: false,
    });
  });

  it('two small teams summing to < k: adds one more team', () => {
    expect(run({ a: 1, b: 2, c: 8, d: 7 }, 5)).toEqual({
      suppressed: ['a', 'b', 'd'],
      parentSuppressed: false,
    });
  });

  it('two small teams summing to ≥ k: nothing more to do', () => {
    expect(run({ a: 3, b: 2, c: 8, d: 7 }, 5)).toEqual({
      suppressed: ['a', 'b'],
      parentSuppressed: false,
    });
  });

  it('no team left to add: the parent is suppressed instead', () => {
    expect(run({ a: 2, b: 1 }, 5)).toEqual({ suppressed: ['a', 'b'], parentSuppressed: true });
    expect(run({ a: 2, b: 1, c: 0 }, 3)).toEqual({
      suppressed: ['a', 'b', 'c'],
      parentSuppressed: false,
    });
    expect(run({ a: 1, b: 0, c: 0 }, 3)).toEqual({
      suppressed: ['a', 'b', 'c'],
      parentSuppressed: true,
    });
  });

  it('breaks ties between equally small teams by key', () => {
    expect(run({ zeta: 6, alpha: 6, small: 1, mid: 6 }, 5)).toEqual({
      suppressed: ['alpha', 'small'],
      parentSuppressed: false,
    });
    // Input order does not matter.
    const reversed = complementarySuppression(teams({ small: 1, mid: 6, alpha: 6, zeta: 6 }), 5);
    expect([...reversed.suppressedKeys].sort()).toEqual(['alpha', 'small']);
  });

  it('never picks an empty team as the complement', () => {
    expect(run({ a: 2, empty: 0, b: 6 }, 5)).toEqual({
      suppressed: ['a', 'b', 'empty'],
      parentSuppressed: false,
    });
  });

  it('empty teams alone need no complement', () => {
    expect(run({ a: 0, b: 6, c: 5 }, 5)).toEqual({ suppressed: ['a'], parentSuppressed: false });
  });

  it('suppresses a parent under k', () => {
    expect(run({}, 5)).toEqual({ suppressed: [], parentSuppressed: true });
    expect(run({ a: 0 }, 5)).toEqual({ suppressed: ['a'], parentSuppressed: true });
  });

  it('refuses duplicate keys', () => {
    expect(() =>
      complementarySuppression(
        [
          { key: 'a', respondents: 5 },
          { key: 'a', respondents: 2 },
        ],
        5,
      ),
    ).toThrow(RangeError);
  });

  it('never lets parent − visible children reveal 1..k−1 respondents (property)', () => {
    const children = fc.uniqueArray(
      fc.record({
        key: fc.string({ minLength: 1, maxLength: 4 }),
        respondents: fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 60 })),
      }),
      { selector: (c) => c.key, maxLength: 12 },
    );
    fc.assert(
      fc.property(children, fc.integer({ min: 3, max: 10 }), (cs, k) => {
        const { suppressedKeys, parentSuppressed } = complementarySuppression(cs, k);
        const hidden = cs
          .filter((c) => suppressedKeys.has(c.key))
          .reduce((s, c) => s + c.respondents, 0);
        expect(parentSuppressed || hidden === 0 || hidden >= k).toBe(true);
        for (const c of cs) {
          if (c.respondents > 0 && c.respondents < k) expect(suppressedKeys.has(c.key)).toBe(true);
        }
        const total = cs.reduce((s, c) => s + c.respondents, 0);
        if (total < k) expect(parentSuppressed).toBe(true);
        // Deterministic regardless of input order.
        const again = complementarySuppression([...cs].reverse(), k);
        expect(again.parentSuppressed).toBe(parentSuppressed);
        expect([...again.suppressedKeys].sort()).toEqual([...suppressedKeys].sort());
      }),
    );
  });
});
