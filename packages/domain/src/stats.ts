import cdf from '@stdlib/stats-base-dists-t-cdf';
import quantile from '@stdlib/stats-base-dists-t-quantile';
import { indexVariance, mean, type SufficientStats, sampleVariance } from './metrics.ts';

/** n, mean and sample variance (n − 1) of one group. */
export interface SampleSummary {
  n: number;
  mean: number;
  variance: number;
}

/**
 * Where a figure is undefined (mean of no values, variance of fewer than two) it is 0, so a
 * summary is always JSON-safe; every test below refuses n < 2 anyway.
 */
export function summarizeSample(xs: number[]): SampleSummary {
  return {
    n: xs.length,
    mean: xs.length === 0 ? 0 : mean(xs),
    variance: xs.length < 2 ? 0 : sampleVariance(xs),
  };
}

/** The engagement-index sample behind aggregated sufficient statistics. */
export function sampleFromStats(s: SufficientStats): SampleSummary {
  return { n: s.n, mean: s.n === 0 ? 0 : s.sumIndex / s.n, variance: indexVariance(s) };
}

function requireDf(df: number): void {
  if (!(df > 0)) throw new RangeError(`Degrees of freedom must be positive: ${df}`);
}

export function tQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`Probability must be in (0, 1): ${p}`);
  requireDf(df);
  return quantile(p, df);
}

export function tCdf(x: number, df: number): number {
  if (Number.isNaN(x)) throw new RangeError('tCdf of NaN');
  requireDf(df);
  return cdf(x, df);
}

/** Two-sided p of t with df; uses the lower tail of −|t| so tiny p keep their precision. */
function twoSidedP(t: number, df: number): number {
  return Math.min(1, 2 * tCdf(-Math.abs(t), df));
}

export type Verdict = 'improved' | 'declined' | 'inconclusive';

export function verdictOf(ci95: [number, number]): Verdict {
  if (ci95[0] > 0) return 'improved';
  if (ci95[1] < 0) return 'declined';
  return 'inconclusive';
}

interface TTest {
  se: number;
  df: number;
  ci95: [number, number];
  p: number;
  t975: number;
}

/**
 * Welch-type t inference for an estimate with variance Σu_i, u_i = v_i / n_i, with
 * Welch–Satterthwaite df. With zero variance everywhere the df formula is 0/0: the estimate is
 * then certain (ci95 = [diff, diff], p = 1 for no difference, 0 otherwise) and df falls back
 * to the pooled Σ(n_i − 1).
 */
function tTest(diff: number, groups: SampleSummary[]): TTest {
  const us = groups.map((g) => g.variance / g.n);
  const sumU = us.reduce((acc, u) => acc + u, 0);
  if (sumU === 0) {
    const df = groups.reduce((acc, g) => acc + g.n - 1, 0);
    return { se: 0, df, ci95: [diff, diff], p: diff === 0 ? 1 : 0, t975: tQuantile(0.975, df) };
  }
  // (Σu)² / Σ(u²/(n−1)) written with u/Σu, which lies in [0, 1], so nothing under- or overflows.
  let denominator = 0;
  groups.forEach((g, i) => {
    const share = (us[i] ?? 0) / sumU;
    denominator += (share * share) / (g.n - 1);
  });
  const df = 1 / denominator;
  const se = Math.sqrt(sumU);
  const t975 = tQuantile(0.975, df);
  return {
    se,
    df,
    ci95: [diff - t975 * se, diff + t975 * se],
    p: twoSidedP(diff / se, df),
    t975,
  };
}

function requireSample(s: SampleSummary, name: string): void {
  if (
    !Number.isInteger(s.n) ||
    s.n < 0 ||
    !Number.isFinite(s.mean) ||
    !Number.isFinite(s.variance) ||
    s.variance < 0
  ) {
    throw new RangeError(`Invalid sample summary ${name}: ${JSON.stringify(s)}`);
  }
}

export interface WelchResult {
  diff: number;
  se: number;
  df: number;
  ci95: [number, number];
  p: number;
  hedgesG: number | null;
  mde: number;
}

/** Welch's t-test of after − before; null when either group has fewer than two values. */
export function welch(before: SampleSummary, after: SampleSummary): WelchResult | null {
  requireSample(before, 'before');
  requireSample(after, 'after');
  if (before.n < 2 || after.n < 2) return null;
  const diff = after.mean - before.mean;
  const { se, df, ci95, p, t975 } = tTest(diff, [before, after]);
  const n = before.n + after.n;
  const pooledSd = Math.sqrt(
    ((before.n - 1) * before.variance + (after.n - 1) * after.variance) / (n - 2),
  );
  const hedgesG = pooledSd === 0 ? null : (diff / pooledSd) * (1 - 3 / (4 * n - 9));
  const mde = se === 0 ? 0 : (t975 + tQuantile(0.8, df)) * se;
  return { diff, se, df, ci95, p, hedgesG, mde };
}

export interface DidResult {
  diff: number;
  se: number;
  df: number;
  ci95: [number, number];
  p: number;
}

/**
 * (treated after − treated before) − (control after − control before), with a
 * Welch–Satterthwaite df over the four groups; null when any group has fewer than two values.
 */
export function differenceInDifferences(g: {
  treatedBefore: SampleSummary;
  treatedAfter: SampleSummary;
  controlBefore: SampleSummary;
  controlAfter: SampleSummary;
}): DidResult | null {
  const groups = [g.treatedAfter, g.treatedBefore, g.controlAfter, g.controlBefore];
  for (const [name, s] of Object.entries(g)) requireSample(s, name);
  if (groups.some((s) => s.n < 2)) return null;
  const diff =
    g.treatedAfter.mean - g.treatedBefore.mean - (g.controlAfter.mean - g.controlBefore.mean);
  const { se, df, ci95, p } = tTest(diff, groups);
  return { diff, se, df, ci95, p };
}

export interface MetaResult {
  pooled: number;
  se: number;
  ci95: [number, number];
  tau2: number;
  q: number;
  i2: number;
  m: number;
}

/**
 * A study whose variance is 0 (every answer identical in both windows) would get infinite
 * weight. Its variance is floored here instead: negligible beside any real variance of a
 * 0–100 index (sd 1e-4), it makes that study dominate the fixed-effect step as it should,
 * while every figure stays finite.
 */
export const MIN_STUDY_VARIANCE = 1e-8;

const Z_975 = 1.959964;

/** DerSimonian–Laird random-effects pooling (docs/product.md §5); null when there are no studies. */
export function derSimonianLaird(studies: { y: number; v: number }[]): MetaResult | null {
  const m = studies.length;
  if (m === 0) return null;
  for (const s of studies) {
    if (!Number.isFinite(s.y) || !Number.isFinite(s.v) || s.v < 0) {
      throw new RangeError(`Invalid study: ${JSON.stringify(s)}`);
    }
  }
  const variances = studies.map((s) => Math.max(s.v, MIN_STUDY_VARIANCE));
  const w = variances.map((v) => 1 / v);
  const sumW = w.reduce((acc, x) => acc + x, 0);
  const yBar = studies.reduce((acc, s, i) => acc + (w[i] ?? 0) * s.y, 0) / sumW;
  const q = studies.reduce((acc, s, i) => acc + (w[i] ?? 0) * (s.y - yBar) ** 2, 0);

  // Σw − Σw²/Σw = 2·Σ_{i<j} w_i·w_j / Σw, summed without cancellation when one weight dominates.
  let crossSum = 0;
  let prefix = 0;
  for (const wi of w) {
    crossSum += wi * prefix;
    prefix += wi;
  }
  const c = (2 * crossSum) / sumW;
  const tau2 = m === 1 || c === 0 ? 0 : Math.max(0, (q - (m - 1)) / c);

  const wStar = variances.map((v) => 1 / (v + tau2));
  const sumWStar = wStar.reduce((acc, x) => acc + x, 0);
  const pooled = studies.reduce((acc, s, i) => acc + (wStar[i] ?? 0) * s.y, 0) / sumWStar;
  const se = 1 / Math.sqrt(sumWStar);
  const i2 = m === 1 || q === 0 ? 0 : 100 * Math.max(0, (q - (m - 1)) / q);
  return { pooled, se, ci95: [pooled - Z_975 * se, pooled + Z_975 * se], tau2, q, i2, m };
}
