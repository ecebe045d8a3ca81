import { describe, expect, it } from 'vitest';
import { designMde, holm } from '../src/design.ts';
import { enpsDrivers, pearson } from '../src/drivers.ts';
import { poolTypeEffects } from '../src/meta.ts';
import { twoWayPanel } from '../src/panel.ts';
import { summarizeSample, welch } from '../src/stats.ts';
// Literals computed independently with statsmodels 0.13 (combine_effects, WLS with cluster
// covariance, multipletests) and SciPy (pearsonr, t) by ./reference/evidence_reference.py.
import {
  designs,
  driverRows,
  drivers,
  holms,
  meta,
  panels,
} from './reference/evidence-expected.ts';

/** Agreement with the independent implementation: 1e-6 absolute (issue 14), 1e-9 where exact. */
const close = (actual: number, expected: number | undefined, tol = 1e-6) =>
  expect(
    Math.abs(actual - (expected ?? Number.NaN)),
    `${actual} vs ${expected}`,
  ).toBeLessThanOrEqual(tol);

describe('poolTypeEffects (DerSimonian–Laird, HKSJ CI, prediction interval)', () => {
  it.each(meta)('$name matches statsmodels combine_effects', ({ studies, expected }) => {
    const pooled = poolTypeEffects(studies.map((s) => ({ ...s, ci95: [0, 0] })))!;
    close(pooled.diff, expected.diff, 1e-9);
    close(pooled.ci95[0], expected.ci95[0], 1e-9);
    close(pooled.ci95[1], expected.ci95[1], 1e-9);
    close(pooled.tau2, expected.tau2, 1e-9);
    close(pooled.i2, expected.i2, 1e-9);
    close(pooled.se, expected.se, 1e-9);
    if (expected.pi95 === null) expect(pooled.pi95).toBeNull();
    else {
      close(pooled.pi95![0], expected.pi95[0], 1e-9);
      close(pooled.pi95![1], expected.pi95[1], 1e-9);
    }
  });

  it('with one experiment is exactly its own diff and Welch CI', () => {
    const test = welch(summarizeSample([50, 55, 60, 45, 65]), summarizeSample([60, 70, 65, 55]))!;
    const pooled = poolTypeEffects([{ y: test.diff, v: test.se ** 2, ci95: test.ci95 }])!;
    expect(pooled.diff).toBe(test.diff);
    expect(pooled.ci95).toEqual(test.ci95);
    expect(pooled.pi95).toBeNull();
    expect(pooled.i2).toBe(0);
  });

  it('is null without experiments, and has no prediction interval below three', () => {
    expect(poolTypeEffects([])).toBeNull();
    const two = poolTypeEffects([
      { y: 1, v: 2, ci95: [0, 0] },
      { y: 3, v: 2, ci95: [0, 0] },
    ])!;
    expect(two.pi95).toBeNull();
  });
});

describe('twoWayPanel (WLS, team and week effects, CR1 by team)', () => {
  it.each(panels)('$name matches statsmodels WLS cluster', ({ rows, teams, expected }) => {
    const result = twoWayPanel(rows);
    expect(result.teams).toBe(teams);
    for (const [type, want] of Object.entries(expected)) {
      const got = result.types.get(type);
      if (want === null) {
        expect(got, type).toBeNull();
        continue;
      }
      expect(got, type).toBeTruthy();
      close(got!.diff, want.diff);
      close(got!.se, want.se);
      close(got!.ci95[0], want.ci95[0]);
      close(got!.ci95[1], want.ci95[1]);
      expect(got!.teams).toBe(want.teams);
    }
  });

  it('reports nothing with fewer than two teams or no experiments', () => {
    const one = twoWayPanel([
      { team: 'a', week: 'w1', y: 50, weight: 5, active: null },
      { team: 'a', week: 'w2', y: 60, weight: 5, active: 'custom' },
    ]);
    expect(one.types.get('custom')).toBeNull();
    expect(twoWayPanel([]).types.size).toBe(0);
  });

  it('refuses a row without respondents', () => {
    expect(() => twoWayPanel([{ team: 'a', week: 'w', y: 1, weight: 0, active: null }])).toThrow(
      RangeError,
    );
  });
});

describe('enpsDrivers (Pearson r, Fisher z CI)', () => {
  it('matches scipy.stats.pearsonr and its confidence interval', () => {
    const result = enpsDrivers(driverRows);
    expect(result.map((d) => d.item)).toEqual(drivers.map((d) => d.item));
    result.forEach((got, i) => {
      const want = drivers[i]!;
      close(got.estimate, want.estimate, 1e-9);
      close(got.ci95[0], want.ci95[0], 1e-9);
      close(got.ci95[1], want.ci95[1], 1e-9);
    });
  });

  it('is null for a constant variable or fewer than four team-weeks', () => {
    expect(pearson([1, 2, 3], [1, 2, 3])).toBeNull();
    expect(pearson([1, 1, 1, 1], [1, 2, 3, 4])).toBeNull();
  });
});

describe('designMde', () => {
  it.each(designs)(
    '$respondentsPerWeek answers a week, sd $sd, $baselineWeeks + $durationWeeks weeks',
    ({ mde, ...assumptions }) => {
      close(designMde(assumptions)!, mde, 1e-9);
    },
  );

  it('buys a smaller detectable change with a longer run', () => {
    const base = { respondentsPerWeek: 5, sd: 15, baselineWeeks: 2 };
    const two = designMde({ ...base, durationWeeks: 2 })!;
    const four = designMde({ ...base, durationWeeks: 4 })!;
    expect(four).toBeLessThan(two);
  });

  it('is null when a window would hold fewer than two answers', () => {
    expect(designMde({ respondentsPerWeek: 1, sd: 15, baselineWeeks: 1, durationWeeks: 1 })).toBe(
      null,
    );
  });
});

describe('holm', () => {
  it.each(holms)('$p matches statsmodels multipletests(holm)', ({ p, adjusted }) => {
    holm(p).forEach((got, i) => {
      close(got, adjusted[i]!, 1e-12);
    });
  });
});
