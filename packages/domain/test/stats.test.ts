import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Answers, sufficientStatsOf } from '../src/metrics.ts';
import {
  derSimonianLaird,
  differenceInDifferences,
  MIN_STUDY_VARIANCE,
  type SampleSummary,
  sampleFromStats,
  summarizeSample,
  tCdf,
  tQuantile,
  verdictOf,
  welch,
} from '../src/stats.ts';
// Expected values are literals produced independently with SciPy/NumPy by
// ./reference/stats_reference.py (ttest_ind(equal_var=False), t.ppf/t.cdf, direct numpy
// formulas for df, CI, Hedges' g, MDE, DiD and DerSimonian–Laird). See that script to regenerate.
import { cdfs, datasets, meta, quantiles } from './reference/stats-expected.ts';

const TOL = 1e-9;

/** |actual − expected| ≤ 1e-9; a p below 1e-6 must also agree to a relative 1e-9. */
function expectClose(actual: number, expected: number, label: string): void {
  expect(Number.isFinite(actual), label).toBe(true);
  const isTinyP = /\.p$/.test(label) && expected < 1e-6;
  const tolerance = isTinyP ? TOL * expected : TOL;
  expect(Math.abs(actual - expected), `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
    tolerance,
  );
}

function expectAllClose(actual: object, expected: object, label: string): void {
  for (const [key, value] of Object.entries(expected)) {
    const got = (actual as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      value.forEach((v, i) => {
        expectClose((got as number[])[i] ?? Number.NaN, v, `${label}.${key}[${i}]`);
      });
    } else {
      expectClose(got as number, value as number, `${label}.${key}`);
    }
  }
}

describe('t distribution', () => {
  it.each(quantiles)('tQuantile($p, $df) matches scipy.stats.t.ppf', ({ p, df, expected }) => {
    expectClose(tQuantile(p, df), expected, 'quantile');
  });

  it.each(cdfs)('tCdf($x, $df) matches scipy.stats.t.cdf', ({ x, df, expected }) => {
    expectClose(tCdf(x, df), expected, 'cdf');
  });

  it('refuses arguments outside the domain', () => {
    expect(() => tQuantile(0, 5)).toThrow(RangeError);
    expect(() => tQuantile(1, 5)).toThrow(RangeError);
    expect(() => tQuantile(0.5, 0)).toThrow(RangeError);
    expect(() => tCdf(Number.NaN, 5)).toThrow(RangeError);
    expect(() => tCdf(1, Number.NaN)).toThrow(RangeError);
  });
});

describe.each(datasets)('$name', (d) => {
  const s = {
    treatedBefore: summarizeSample(d.treatedBefore),
    treatedAfter: summarizeSample(d.treatedAfter),
    controlBefore: summarizeSample(d.controlBefore),
    controlAfter: summarizeSample(d.controlAfter),
  };

  it('summarizes each group like numpy (mean, var ddof=1)', () => {
    for (const [group, expected] of Object.entries(d.summaries)) {
      const got = s[group as keyof typeof s];
      expect(got.n).toBe(expected.n);
      expectAllClose(got, { mean: expected.mean, variance: expected.variance }, group);
    }
  });

  it('Welch test, Hedges g and MDE match SciPy', () => {
    const result = welch(s.treatedBefore, s.treatedAfter);
    expect(result).not.toBeNull();
    expectAllClose(result!, d.welch, 'welch');
  });

  it('difference-in-differences matches the direct formulas', () => {
    const result = differenceInDifferences(s);
    expect(result).not.toBeNull();
    expectAllClose(result!, d.did, 'did');
  });
});

describe('welch', () => {
  const sample = (xs: number[]) => summarizeSample(xs);

  it('is null when either group has fewer than two values', () => {
    expect(welch(sample([50]), sample([60, 70]))).toBeNull();
    expect(welch(sample([50, 60]), sample([]))).toBeNull();
  });

  it('takes df from the other group when one group has zero variance', () => {
    const result = welch(sample([60, 60, 60, 60]), sample([55, 70, 80, 65, 75]))!;
    expect(result.df).toBeCloseTo(4, 12);
    expect(result.hedgesG).not.toBeNull();
  });

  it('is certain but finite when both groups have zero variance', () => {
    expect(welch(sample([60, 60, 60]), sample([75, 75]))).toEqual({
      diff: 15,
      se: 0,
      df: 3,
      ci95: [15, 15],
      p: 0,
      hedgesG: null,
      mde: 0,
    });
    expect(welch(sample([60, 60, 60]), sample([60, 60]))).toEqual({
      diff: 0,
      se: 0,
      df: 3,
      ci95: [0, 0],
      p: 1,
      hedgesG: null,
      mde: 0,
    });
  });

  it('keeps tiny p values instead of rounding them to 0', () => {
    const d = datasets.find((x) => x.name === 'large effect, tiny p')!;
    expect(d.welch.p).toBeLessThan(1e-11);
    const result = welch(summarizeSample(d.treatedBefore), summarizeSample(d.treatedAfter))!;
    expect(Math.abs(result.p / d.welch.p - 1)).toBeLessThan(1e-9);
  });

  it('refuses impossible summaries', () => {
    const ok = sample([50, 60]);
    expect(() => welch({ n: 3, mean: Number.NaN, variance: 1 }, ok)).toThrow(RangeError);
    expect(() => welch({ n: 3, mean: 50, variance: -1 }, ok)).toThrow(RangeError);
  });
});

describe('differenceInDifferences', () => {
  const g = (xs: number[]) => summarizeSample(xs);

  it('is null when any group has fewer than two values', () => {
    expect(
      differenceInDifferences({
        treatedBefore: g([50, 60]),
        treatedAfter: g([55, 65]),
        controlBefore: g([40]),
        controlAfter: g([45, 50]),
      }),
    ).toBeNull();
  });

  it('is certain but finite when every group has zero variance', () => {
    expect(
      differenceInDifferences({
        treatedBefore: g([50, 50]),
        treatedAfter: g([70, 70, 70]),
        controlBefore: g([40, 40, 40, 40]),
        controlAfter: g([45, 45]),
      }),
    ).toEqual({ diff: 15, se: 0, df: 7, ci95: [15, 15], p: 0 });
  });
});

describe('sampleFromStats', () => {
  it('gives the same engagement sample as the raw indices', () => {
    const responses: Answers[] = [
      { energy: 4, autonomy: 3, voice: 5, growth: 2, trust: 4, enps: 9 },
      { energy: 5, autonomy: 5, voice: 5, growth: 5, trust: 5, enps: 10 },
      { energy: 2, autonomy: 1, voice: 3, growth: 2, trust: 2, enps: 3 },
      { energy: 3, autonomy: 4, voice: 3, growth: 3, trust: 4, enps: 7 },
    ];
    const fromStats = sampleFromStats(sufficientStatsOf(responses));
    const direct = summarizeSample([65, 100, 25, 60]);
    expect(fromStats.n).toBe(4);
    expect(fromStats.mean).toBe(direct.mean);
    expect(fromStats.variance).toBeCloseTo(direct.variance, 10);
    expect(sampleFromStats(sufficientStatsOf([]))).toEqual({ n: 0, mean: 0, variance: 0 });
  });
});

describe('verdictOf', () => {
  it('reads the CI', () => {
    expect(verdictOf([0.5, 12])).toBe('improved');
    expect(verdictOf([-12, -0.5])).toBe('declined');
    expect(verdictOf([-3, 4])).toBe('inconclusive');
    expect(verdictOf([0, 4])).toBe('inconclusive');
    expect(verdictOf([-4, 0])).toBe('inconclusive');
  });
});

describe('derSimonianLaird', () => {
  it.each(meta)('$name matches the direct formulas', ({ studies, expected }) => {
    const result = derSimonianLaird(studies);
    expect(result).not.toBeNull();
    expect(result!.m).toBe(expected.m);
    const { m: _m, ...numbers } = expected;
    expectAllClose(result!, numbers, 'dl');
  });

  it('is null without studies', () => {
    expect(derSimonianLaird([])).toBeNull();
  });

  it('has τ² = 0 and I² = 0 for a single study, pooled = that study', () => {
    expect(derSimonianLaird([{ y: 4.5, v: 6.25 }])).toMatchObject({
      pooled: 4.5,
      se: 2.5,
      tau2: 0,
      q: 0,
      i2: 0,
    });
  });

  it('floors a zero variance so that study dominates but nothing becomes Infinity or NaN', () => {
    const single = derSimonianLaird([{ y: 7, v: 0 }])!;
    expect(single.pooled).toBe(7);
    expect(single.se).toBeCloseTo(Math.sqrt(MIN_STUDY_VARIANCE), 15);
    const allZero = derSimonianLaird([
      { y: 3, v: 0 },
      { y: 3, v: 0 },
    ])!;
    expect(allZero).toMatchObject({ pooled: 3, tau2: 0, q: 0, i2: 0 });
    expect(JSON.parse(JSON.stringify(allZero))).toEqual(allZero);
  });

  it('refuses negative or non-finite inputs', () => {
    expect(() => derSimonianLaird([{ y: 1, v: -1 }])).toThrow(RangeError);
    expect(() => derSimonianLaird([{ y: Number.NaN, v: 1 }])).toThrow(RangeError);
    expect(() => derSimonianLaird([{ y: 1, v: Number.POSITIVE_INFINITY }])).toThrow(RangeError);
  });
});

describe('properties', () => {
  // Engagement indices are multiples of 5 in 0..100; small groups make ties and zero variance common.
  const indices = (minLength: number, maxLength: number) =>
    fc.array(
      fc.integer({ min: 0, max: 20 }).map((x) => 5 * x),
      { minLength, maxLength },
    );
  const group = indices(2, 40);

  const isJsonSafe = (value: unknown) =>
    JSON.stringify(value) ===
    JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? 'BAD' : v));

  it('Welch CI contains diff, verdict follows the CI and agrees with p (property)', () => {
    fc.assert(
      fc.property(group, group, (a, b) => {
        const r = welch(summarizeSample(a), summarizeSample(b))!;
        expect(isJsonSafe(r)).toBe(true);
        expect(r.ci95[0]).toBeLessThanOrEqual(r.diff);
        expect(r.ci95[1]).toBeGreaterThanOrEqual(r.diff);
        expect(r.p).toBeGreaterThanOrEqual(0);
        expect(r.p).toBeLessThanOrEqual(1);
        expect(r.mde).toBeGreaterThanOrEqual(0);
        const verdict = verdictOf(r.ci95);
        if (verdict === 'improved') expect(r.ci95[0]).toBeGreaterThan(0);
        if (verdict === 'declined') expect(r.ci95[1]).toBeLessThan(0);
        if (verdict === 'inconclusive') expect(r.ci95[0] <= 0 && r.ci95[1] >= 0).toBe(true);
        // The CI excludes 0 exactly when p < 0.05 (away from rounding at the edge).
        if (r.p < 0.0499) expect(verdict).not.toBe('inconclusive');
        if (r.p > 0.0501) expect(verdict).toBe('inconclusive');
      }),
    );
  });

  it('Welch CI narrows when the same data is observed twice as often (property)', () => {
    fc.assert(
      fc.property(group, group, (a, b) => {
        const once = welch(summarizeSample(a), summarizeSample(b))!;
        const twice = welch(summarizeSample([...a, ...a]), summarizeSample([...b, ...b]))!;
        expect(twice.diff).toBeCloseTo(once.diff, 9);
        if (once.se === 0) {
          expect(twice.se).toBe(0);
          return;
        }
        expect(twice.se).toBeLessThan(once.se);
        expect(twice.df).toBeGreaterThan(once.df);
        expect(twice.mde).toBeLessThan(once.mde);
        expect(twice.ci95[1] - twice.ci95[0]).toBeLessThan(once.ci95[1] - once.ci95[0]);
        expect(twice.ci95[0]).toBeGreaterThan(once.ci95[0] - 1e-9);
        expect(twice.ci95[1]).toBeLessThan(once.ci95[1] + 1e-9);
      }),
    );
  });

  it('DiD CI contains diff and every figure is finite (property)', () => {
    fc.assert(
      fc.property(group, group, group, group, (tb, ta, cb, ca) => {
        const r = differenceInDifferences({
          treatedBefore: summarizeSample(tb),
          treatedAfter: summarizeSample(ta),
          controlBefore: summarizeSample(cb),
          controlAfter: summarizeSample(ca),
        })!;
        expect(isJsonSafe(r)).toBe(true);
        expect(r.ci95[0]).toBeLessThanOrEqual(r.diff);
        expect(r.ci95[1]).toBeGreaterThanOrEqual(r.diff);
        expect(r.df).toBeGreaterThanOrEqual(1);
      }),
    );
  });

  it('DL pooled lies within [min y, max y], with τ² ≥ 0 and I² in 0..100 (property)', () => {
    const study = fc.record({
      y: fc.double({ min: -50, max: 50, noNaN: true }),
      v: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 400, noNaN: true })),
    });
    fc.assert(
      fc.property(fc.array(study, { minLength: 1, maxLength: 20 }), (studies) => {
        const r = derSimonianLaird(studies)!;
        expect(isJsonSafe(r)).toBe(true);
        const ys = studies.map((s) => s.y);
        const slack = 1e-9 * Math.max(1, ...ys.map(Math.abs));
        expect(r.pooled).toBeGreaterThanOrEqual(Math.min(...ys) - slack);
        expect(r.pooled).toBeLessThanOrEqual(Math.max(...ys) + slack);
        expect(r.tau2).toBeGreaterThanOrEqual(0);
        expect(r.i2).toBeGreaterThanOrEqual(0);
        expect(r.i2).toBeLessThanOrEqual(100);
        expect(r.se).toBeGreaterThan(0);
        expect(r.ci95[0]).toBeLessThan(r.pooled);
        expect(r.ci95[1]).toBeGreaterThan(r.pooled);
        expect(r.m).toBe(studies.length);
      }),
    );
  });

  it('summaries with n < 2 are still JSON-safe (property)', () => {
    fc.assert(
      fc.property(indices(0, 1), (xs) => {
        const s: SampleSummary = summarizeSample(xs);
        expect(isJsonSafe(s)).toBe(true);
        expect(s.variance).toBe(0);
      }),
    );
  });
});
