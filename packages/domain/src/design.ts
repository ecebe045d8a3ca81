import { welch } from './stats.ts';

/** What the preflight assumes about a team, stated so the lead can judge it. */
export interface DesignAssumptions {
  /** Answers expected in each week of either window. */
  respondentsPerWeek: number;
  /** Standard deviation of one answer's outcome (0–100 scale). */
  sd: number;
  baselineWeeks: number;
  durationWeeks: number;
}

/**
 * The smallest diff the impact page's Welch test detects at α = 0.05 with 80 % power for a
 * design (docs/product.md §5 `mde`): `(t₀.₉₇₅,df + t₀.₈₀,df) × SE` with before n₁ = r·b and
 * after n₂ = r·d answers of sd s, SE = s·√(1/n₁ + 1/n₂), df Welch–Satterthwaite. It is the very
 * function the impact page uses, so the two agree whenever the team's answers are as assumed.
 * Null when a window would hold fewer than two answers.
 */
export function designMde(a: DesignAssumptions): number | null {
  if (!Number.isInteger(a.respondentsPerWeek) || a.respondentsPerWeek < 0) {
    throw new RangeError(`respondentsPerWeek must be a whole number: ${a.respondentsPerWeek}`);
  }
  if (!(a.sd >= 0) || !Number.isFinite(a.sd)) throw new RangeError(`Invalid sd: ${a.sd}`);
  const variance = a.sd * a.sd;
  const result = welch(
    { n: a.respondentsPerWeek * a.baselineWeeks, mean: 0, variance },
    { n: a.respondentsPerWeek * a.durationWeeks, mean: 0, variance },
  );
  return result ? result.mde : null;
}

/**
 * Holm's step-down adjustment (Holm 1979) of m p-values for the family-wise error rate: sorted
 * ascending, p₍ᵢ₎ × (m − i + 1), made monotone and capped at 1; returned in the input order.
 * Equals statsmodels' multipletests(method="holm").
 */
export function holm(ps: number[]): number[] {
  const m = ps.length;
  for (const p of ps) if (!(p >= 0 && p <= 1)) throw new RangeError(`Invalid p-value: ${p}`);
  const order = ps.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p || a.i - b.i);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}
