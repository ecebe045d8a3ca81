import { tQuantile } from './stats.ts';

/** One published team-week: its mean, its respondents (the weight) and the type active then. */
export interface PanelRow {
  team: string;
  week: string;
  y: number;
  weight: number;
  /** The experiment type that ran on this team this week, or null. */
  active: string | null;
}

export interface PanelEstimate {
  diff: number;
  se: number;
  ci95: [number, number];
  /** Distinct teams that ran the type in the panel's weeks. */
  teams: number;
}

export interface PanelResult {
  /** Teams (clusters) and team-weeks in the model. */
  teams: number;
  teamWeeks: number;
  /** Per type: its estimate, or null when fewer than two teams ran it (or it is collinear). */
  types: Map<string, PanelEstimate | null>;
}

const TOLERANCE = 1e-13;
const MAX_SWEEPS = 100_000;

/**
 * Removes the weighted team and week means from each column in place (alternating projections,
 * Guimarães & Portugal 2010; exact at convergence): what is left is the part of the column the
 * two sets of fixed effects do not explain (Frisch–Waugh–Lovell).
 */
function absorbFixedEffects(
  columns: Float64Array[],
  weights: Float64Array,
  teamOf: Int32Array,
  weekOf: Int32Array,
  teams: number,
  weeks: number,
): void {
  const teamW = new Float64Array(teams);
  const weekW = new Float64Array(weeks);
  for (let i = 0; i < weights.length; i++) {
    teamW[teamOf[i]!]! += weights[i]!;
    weekW[weekOf[i]!]! += weights[i]!;
  }
  for (const col of columns) {
    const scale = Math.max(1, ...Array.from(col, Math.abs));
    for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      let change = 0;
      for (const [groupOf, groupW, size] of [
        [teamOf, teamW, teams],
        [weekOf, weekW, weeks],
      ] as const) {
        const sums = new Float64Array(size);
        for (let i = 0; i < col.length; i++) sums[groupOf[i]!]! += weights[i]! * col[i]!;
        for (let g = 0; g < size; g++) {
          sums[g] = sums[g]! / groupW[g]!;
          change = Math.max(change, Math.abs(sums[g]!));
        }
        for (let i = 0; i < col.length; i++) col[i] = col[i]! - sums[groupOf[i]!]!;
      }
      if (change <= TOLERANCE * scale) break;
    }
  }
}

/** Connected components of the bipartite team–week graph: the fixed effects' rank deficiency. */
function components(teamOf: Int32Array, weekOf: Int32Array, teams: number, weeks: number): number {
  const parent = Array.from({ length: teams + weeks }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (let i = 0; i < teamOf.length; i++) {
    const a = find(teamOf[i]!);
    const b = find(teams + weekOf[i]!);
    if (a !== b) parent[a] = b;
  }
  let count = 0;
  for (let i = 0; i < parent.length; i++) if (find(i) === i) count++;
  return count;
}

/** Inverse of a small symmetric positive-definite matrix by Gauss–Jordan; null when singular. */
function invert(a: number[][]): number[][] | null {
  const n = a.length;
  const m = a.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  const norm = Math.max(1e-300, ...a.map((row, i) => Math.abs(row[i]!)));
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    if (Math.abs(m[pivot]![c]!) <= 1e-10 * norm) return null;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    const p = m[c]![c]!;
    for (let j = 0; j < 2 * n; j++) m[c]![j] = m[c]![j]! / p;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]!;
      if (f !== 0) for (let j = 0; j < 2 * n; j++) m[r]![j] = m[r]![j]! - f * m[c]![j]!;
    }
  }
  return m.map((row) => row.slice(n));
}

/**
 * The two-way fixed-effects panel of docs/product.md §5: weighted least squares of the team-week
 * mean on a team effect, a week effect and one indicator per experiment type, weights =
 * respondents; standard errors clustered by team with statsmodels' CR1 correction
 * G/(G − 1) · (N − 1)/(N − K); 95 % CI on t with G − 1 df. Every type that ran has its indicator
 * in the model; a type run by fewer than two teams is reported null.
 */
export function twoWayPanel(rows: PanelRow[]): PanelResult {
  const teamIndex = new Map<string, number>();
  const weekIndex = new Map<string, number>();
  for (const r of rows) {
    if (!Number.isFinite(r.y) || !(r.weight > 0)) {
      throw new RangeError(`Invalid panel row: ${JSON.stringify(r)}`);
    }
    if (!teamIndex.has(r.team)) teamIndex.set(r.team, teamIndex.size);
    if (!weekIndex.has(r.week)) weekIndex.set(r.week, weekIndex.size);
  }
  const types = [...new Set(rows.map((r) => r.active).filter((t): t is string => t !== null))];
  const result: PanelResult = {
    teams: teamIndex.size,
    teamWeeks: rows.length,
    types: new Map(types.map((t) => [t, null])),
  };
  const n = rows.length;
  const g = teamIndex.size;
  if (types.length === 0 || g < 2) return result;

  const teamOf = Int32Array.from(rows, (r) => teamIndex.get(r.team)!);
  const weekOf = Int32Array.from(rows, (r) => weekIndex.get(r.week)!);
  const weights = Float64Array.from(rows, (r) => r.weight);
  const y = Float64Array.from(rows, (r) => r.y);
  const xs = types.map((t) => Float64Array.from(rows, (r) => (r.active === t ? 1 : 0)));
  absorbFixedEffects([y, ...xs], weights, teamOf, weekOf, g, weekIndex.size);

  // A type whose indicator the fixed effects explain entirely has no estimate.
  const raw = types.map((t) => rows.filter((r) => r.active === t).length);
  const kept = types
    .map((_, j) => j)
    .filter((j) => xs[j]!.reduce((acc, x, i) => acc + weights[i]! * x * x, 0) > 1e-10 * raw[j]!);
  const p = kept.length;
  const xtx = kept.map((a) =>
    kept.map((b) => xs[a]!.reduce((acc, x, i) => acc + weights[i]! * x * xs[b]![i]!, 0)),
  );
  const bread = invert(xtx);
  if (!bread) return result;
  const xty = kept.map((a) => xs[a]!.reduce((acc, x, i) => acc + weights[i]! * x * y[i]!, 0));
  const beta = bread.map((row) => row.reduce((acc, v, j) => acc + v * xty[j]!, 0));
  const residual = Float64Array.from(
    y,
    (yi, i) => yi - kept.reduce((acc, a, j) => acc + beta[j]! * xs[a]![i]!, 0),
  );

  const scores = Array.from({ length: g }, () => new Float64Array(p));
  for (let i = 0; i < n; i++) {
    const s = scores[teamOf[i]!]!;
    for (let j = 0; j < p; j++) s[j] = s[j]! + weights[i]! * xs[kept[j]!]![i]! * residual[i]!;
  }
  const meat = kept.map((_, a) =>
    kept.map((__, b) => scores.reduce((acc, s) => acc + s[a]! * s[b]!, 0)),
  );
  const k = g + weekIndex.size - components(teamOf, weekOf, g, weekIndex.size) + p;
  const correction = (g / (g - 1)) * ((n - 1) / (n - k));
  const t975 = tQuantile(0.975, g - 1);
  kept.forEach((typeAt, j) => {
    const type = types[typeAt]!;
    const teamsRan = new Set(rows.filter((r) => r.active === type).map((r) => r.team)).size;
    if (teamsRan < 2 || !(n > k)) return;
    let variance = 0;
    for (let a = 0; a < p; a++) {
      for (let b = 0; b < p; b++) variance += bread[j]![a]! * meat[a]![b]! * bread[b]![j]!;
    }
    const se = Math.sqrt(Math.max(0, variance * correction));
    const diff = beta[j]!;
    result.types.set(type, {
      diff,
      se,
      ci95: [diff - t975 * se, diff + t975 * se],
      teams: teamsRan,
    });
  });
  return result;
}
