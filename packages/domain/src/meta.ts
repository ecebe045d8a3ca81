import { derSimonianLaird, MIN_STUDY_VARIANCE, tQuantile } from './stats.ts';

/** One completed experiment as the league table pools it: its diff, Welch SE² and Welch CI. */
export interface Study {
  y: number;
  v: number;
  /** The experiment's own Welch 95 % CI, shown unchanged when it is the only one of its type. */
  ci95: [number, number];
}

export interface PooledTypeEffect {
  m: number;
  diff: number;
  ci95: [number, number];
  /** I², 0 … 100; 0 for a single experiment. */
  i2: number;
  tau2: number;
  /** SE of the random-effects mean, 1/√Σw*. */
  se: number;
  /** 95 % prediction interval for a new team's effect; from three experiments on. */
  pi95: [number, number] | null;
}

/**
 * "What works here" for one experiment type (docs/product.md §5 `pooled`): DerSimonian–Laird τ²,
 * a Hartung–Knapp–Sidik–Jonkman 95 % CI on t(m − 1), and for m ≥ 3 a 95 % prediction interval
 * μ ± t(0.975, m − 2)·√(τ² + SE²) (Higgins, Thompson & Spiegelhalter 2009). With one experiment
 * the row is that experiment's own diff and Welch CI, so the league table and its page agree.
 * Null when there is none.
 */
export function poolTypeEffects(studies: Study[]): PooledTypeEffect | null {
  const m = studies.length;
  if (m === 0) return null;
  if (m === 1) {
    const only = studies[0]!;
    return { m, diff: only.y, ci95: only.ci95, i2: 0, tau2: 0, se: Math.sqrt(only.v), pi95: null };
  }
  const dl = derSimonianLaird(studies)!;
  const variances = studies.map((s) => Math.max(s.v, MIN_STUDY_VARIANCE));
  const wStar = variances.map((v) => 1 / (v + dl.tau2));
  const sumWStar = wStar.reduce((acc, w) => acc + w, 0);
  const spread = studies.reduce((acc, s, i) => acc + (wStar[i] ?? 0) * (s.y - dl.pooled) ** 2, 0);
  const seHK = Math.sqrt(spread / ((m - 1) * sumWStar));
  const tCi = tQuantile(0.975, m - 1);
  const ci95: [number, number] = [dl.pooled - tCi * seHK, dl.pooled + tCi * seHK];
  let pi95: [number, number] | null = null;
  if (m >= 3) {
    const half = tQuantile(0.975, m - 2) * Math.sqrt(dl.tau2 + dl.se ** 2);
    pi95 = [dl.pooled - half, dl.pooled + half];
  }
  return { m, diff: dl.pooled, ci95, i2: dl.i2, tau2: dl.tau2, se: dl.se, pi95 };
}
