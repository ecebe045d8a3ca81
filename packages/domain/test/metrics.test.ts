import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Answers,
  addStats,
  emptyStats,
  engagementIndex,
  isValidAnswers,
  LIKERT_ITEMS,
  mean,
  sampleVariance,
  sufficientStatsOf,
  summarize,
} from '../src/metrics.ts';

const answers = (likert: [number, number, number, number, number], enps: number): Answers => ({
  energy: likert[0],
  autonomy: likert[1],
  voice: likert[2],
  growth: likert[3],
  trust: likert[4],
  enps,
});

const answersArb = fc
  .record({
    energy: fc.integer({ min: 1, max: 5 }),
    autonomy: fc.integer({ min: 1, max: 5 }),
    voice: fc.integer({ min: 1, max: 5 }),
    growth: fc.integer({ min: 1, max: 5 }),
    trust: fc.integer({ min: 1, max: 5 }),
    enps: fc.integer({ min: 0, max: 10 }),
  })
  .map((a): Answers => a);

describe('engagementIndex', () => {
  it('maps each item by (v − 1) / 4 × 100 and averages the five', () => {
    expect(engagementIndex(answers([1, 1, 1, 1, 1], 0))).toBe(0);
    expect(engagementIndex(answers([5, 5, 5, 5, 5], 10))).toBe(100);
    expect(engagementIndex(answers([3, 3, 3, 3, 3], 5))).toBe(50);
    // (75 + 50 + 100 + 25 + 75) / 5 = 65
    expect(engagementIndex(answers([4, 3, 5, 2, 4], 9))).toBe(65);
  });

  it('is always an integer multiple of 5 in 0..100 equal to the mapped mean (property)', () => {
    fc.assert(
      fc.property(answersArb, (a) => {
        const index = engagementIndex(a);
        expect(Number.isInteger(index)).toBe(true);
        expect(index % 5).toBe(0);
        expect(index).toBeGreaterThanOrEqual(0);
        expect(index).toBeLessThanOrEqual(100);
        const mapped = LIKERT_ITEMS.map((item) => ((a[item] - 1) / 4) * 100);
        expect(index).toBeCloseTo(mapped.reduce((s, x) => s + x, 0) / 5, 10);
      }),
    );
  });

  it('refuses answers outside the scales', () => {
    expect(() => engagementIndex(answers([0, 3, 3, 3, 3], 5))).toThrow(RangeError);
    expect(() => engagementIndex(answers([3, 3, 6, 3, 3], 5))).toThrow(RangeError);
    expect(() => engagementIndex(answers([3, 3, 3, 3, 3.5], 5))).toThrow(RangeError);
    expect(() => engagementIndex(answers([3, 3, 3, 3, 3], 11))).toThrow(RangeError);
    expect(isValidAnswers({ energy: 3 })).toBe(false);
    expect(isValidAnswers(answers([3, 3, 3, 3, 3], 0))).toBe(true);
  });
});

describe('summarize', () => {
  // Indices 65, 100, 25, 60; eNPS 9 (promoter), 10 (promoter), 3 (detractor), 7 (passive).
  const responses = [
    answers([4, 3, 5, 2, 4], 9),
    answers([5, 5, 5, 5, 5], 10),
    answers([2, 1, 3, 2, 2], 3),
    answers([3, 4, 3, 3, 4], 7),
  ];

  it('computes the docs/product.md §3 metrics', () => {
    expect(summarize(sufficientStatsOf(responses))).toEqual({
      n: 4,
      // /usr/bin/python3 -c "import statistics as s; print(repr(s.stdev([65,100,25,60])))"
      engagement: { mean: 62.5, sd: 30.686587732536616 },
      // item means of (v − 1) × 25: energy (3+4+1+2)/4 × 25, …
      items: { energy: 62.5, autonomy: 56.25, voice: 75, growth: 50, trust: 68.75 },
      // 100 × (2 − 1) / 4
      enps: 25,
    });
  });

  it('keeps the integer sums', () => {
    expect(sufficientStatsOf(responses)).toEqual({
      n: 4,
      sumIndex: 250,
      sumSqIndex: 65 ** 2 + 100 ** 2 + 25 ** 2 + 60 ** 2,
      itemSums: { energy: 10, autonomy: 9, voice: 12, growth: 8, trust: 11 },
      promoters: 2,
      detractors: 1,
    });
  });

  it('is null without responses and has no sd for one response', () => {
    expect(summarize(emptyStats())).toBeNull();
    expect(summarize(sufficientStatsOf([]))).toBeNull();
    const one = summarize(sufficientStatsOf([answers([4, 3, 5, 2, 4], 6)]));
    expect(one?.engagement).toEqual({ mean: 65, sd: null });
    expect(one?.enps).toBe(-100);
  });

  it('gives sd 0, never a negative variance, when every index is equal', () => {
    const same = Array.from({ length: 7 }, () => answers([4, 2, 5, 3, 4], 8));
    expect(summarize(sufficientStatsOf(same))?.engagement).toEqual({ mean: 65, sd: 0 });
    expect(summarize(sufficientStatsOf(same))?.enps).toBe(0);
  });

  it('adds up: stats of a union = sum of stats (property)', () => {
    fc.assert(
      fc.property(fc.array(answersArb), fc.array(answersArb), (a, b) => {
        expect(addStats(sufficientStatsOf(a), sufficientStatsOf(b))).toEqual(
          sufficientStatsOf([...a, ...b]),
        );
        expect(addStats(sufficientStatsOf(a), emptyStats())).toEqual(sufficientStatsOf(a));
      }),
    );
  });

  it('agrees with the direct formulas on the indices (property)', () => {
    fc.assert(
      fc.property(fc.array(answersArb, { minLength: 2, maxLength: 200 }), (rs) => {
        const indices = rs.map(engagementIndex);
        const summary = summarize(sufficientStatsOf(rs));
        expect(summary?.engagement.mean).toBeCloseTo(mean(indices), 9);
        expect(summary?.engagement.sd).toBeCloseTo(Math.sqrt(sampleVariance(indices)), 9);
        const promoters = rs.filter((r) => r.enps >= 9).length;
        const detractors = rs.filter((r) => r.enps <= 6).length;
        expect(summary?.enps).toBeCloseTo((100 * (promoters - detractors)) / rs.length, 9);
      }),
    );
  });
});

describe('mean and sampleVariance', () => {
  it('match Python statistics', () => {
    // /usr/bin/python3 -c "import statistics as s; x=[1.5,2.25,3.0,10.125];
    //   print(repr(s.mean(x)), repr(s.variance(x)))"  -> 4.21875 15.87890625
    expect(mean([1.5, 2.25, 3.0, 10.125])).toBe(4.21875);
    expect(sampleVariance([1.5, 2.25, 3.0, 10.125])).toBeCloseTo(15.87890625, 12);
  });

  it('do not cancel catastrophically on large offsets', () => {
    // statistics.variance([1e9+0.1, 1e9+0.2, 1e9+0.3, 1e9+0.4]) = 0.016666658719382593
    const xs = [1e9 + 0.1, 1e9 + 0.2, 1e9 + 0.3, 1e9 + 0.4];
    expect(sampleVariance(xs)).toBeCloseTo(0.016666658719382593, 12);
  });

  it('refuse samples too small to define them', () => {
    expect(() => mean([])).toThrow(RangeError);
    expect(() => sampleVariance([3])).toThrow(RangeError);
  });
});
