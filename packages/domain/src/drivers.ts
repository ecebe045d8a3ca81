import { LIKERT_ITEMS, type LikertItem } from './metrics.ts';

/** One published team-week: its item means (0–100) and its eNPS (−100 … 100). */
export interface DriverRow {
  items: Record<LikertItem, number>;
  enps: number;
}

export interface Driver {
  item: LikertItem;
  /** Pearson's r between the item's team-week mean and the team-week eNPS. */
  estimate: number;
  ci95: [number, number];
}

/** Below this many team-weeks (or teams) the correlations are not shown (docs/adr/0007). */
export const MIN_DRIVER_TEAM_WEEKS = 20;
export const MIN_DRIVER_TEAMS = 3;

const Z_975 = 1.959963984540054;

/**
 * Pearson's r with the Fisher z 95 % CI tanh(atanh r ± z₀.₉₇₅/√(n − 3)) (Fisher 1921; the
 * interval scipy.stats.pearsonr(...).confidence_interval() gives). Null when n < 4 or either
 * variable is constant.
 */
export function pearson(xs: number[], ys: number[]): { r: number; ci95: [number, number] } | null {
  const n = xs.length;
  if (n !== ys.length) throw new RangeError('pearson: samples of different lengths');
  if (n < 4) return null;
  const mx = xs.reduce((a, x) => a + x, 0) / n;
  const my = ys.reduce((a, y) => a + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  const r = Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
  if (Math.abs(r) === 1) return { r, ci95: [r, r] };
  const z = Math.atanh(r);
  const half = Z_975 / Math.sqrt(n - 3);
  return { r, ci95: [Math.tanh(z - half), Math.tanh(z + half)] };
}

/** How each item goes with eNPS across team-weeks (docs/adr/0007-drivers-of-enps.md). */
export function enpsDrivers(rows: DriverRow[]): Driver[] {
  const enps = rows.map((r) => r.enps);
  const out: Driver[] = [];
  for (const item of LIKERT_ITEMS) {
    const result = pearson(
      rows.map((r) => r.items[item]),
      enps,
    );
    if (result) out.push({ item, estimate: result.r, ci95: result.ci95 });
  }
  return out;
}
