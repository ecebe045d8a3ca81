export const LIKERT_ITEMS = ['energy', 'autonomy', 'voice', 'growth', 'trust'] as const;
export type LikertItem = (typeof LIKERT_ITEMS)[number];

/** One pulse response: Likert items 1..5 and eNPS 0..10, all integers. */
export type Answers = Record<LikertItem, number> & { enps: number };

const isIntegerIn = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

export function isValidAnswers(a: unknown): a is Answers {
  if (typeof a !== 'object' || a === null) return false;
  const record = a as Record<string, unknown>;
  return (
    LIKERT_ITEMS.every((item) => isIntegerIn(record[item], 1, 5)) && isIntegerIn(record.enps, 0, 10)
  );
}

function requireAnswers(a: Answers): void {
  if (!isValidAnswers(a)) throw new RangeError(`Invalid answers: ${JSON.stringify(a)}`);
}

/**
 * The rollup's arithmetic (docs/product.md §3), defined here once: the pulse repository's
 * incremental upsert and its SQL rebuild are built from these constants and `answerIncrement`,
 * and apps/api/test/rollups.test.ts checks both against `sufficientStatsOf`.
 */
/** The lowest Likert answer: an item is summed as its offset v − LIKERT_MIN (0..4). */
export const LIKERT_MIN = 1;
/** Index = (Σ over the five items of (v − 1) / 4 × 100) / 5 = INDEX_SCALE × Σ(v − 1). */
export const INDEX_SCALE = 100 / 4 / LIKERT_ITEMS.length;
/** Item mean on 0..100 = ITEM_SCALE × mean(v − 1). */
export const ITEM_SCALE = 100 / 4;
/** eNPS: promoters answered PROMOTER_MIN..10, detractors 0..DETRACTOR_MAX. */
export const PROMOTER_MIN = 9;
export const DETRACTOR_MAX = 6;

/**
 * Mean of the five items mapped to 0..100 by (v − 1) / 4 × 100, i.e. 100/20 × Σ(v − 1).
 * Written as 5 × Σ(v − 1) so it stays an exact integer (a multiple of 5).
 */
export function engagementIndex(a: Answers): number {
  requireAnswers(a);
  let sum = 0;
  for (const item of LIKERT_ITEMS) sum += a[item] - LIKERT_MIN;
  return INDEX_SCALE * sum;
}

/**
 * Integer sums from which every group metric follows. They add up across weeks and teams,
 * so a database can aggregate them and pooling never needs individual responses.
 */
export interface SufficientStats {
  n: number;
  sumIndex: number;
  sumSqIndex: number;
  /** Per item, the sum of (v − 1) over responses. */
  itemSums: Record<LikertItem, number>;
  promoters: number;
  detractors: number;
}

const zeroItems = (): Record<LikertItem, number> => ({
  energy: 0,
  autonomy: 0,
  voice: 0,
  growth: 0,
  trust: 0,
});

export const emptyStats = (): SufficientStats => ({
  n: 0,
  sumIndex: 0,
  sumSqIndex: 0,
  itemSums: zeroItems(),
  promoters: 0,
  detractors: 0,
});

/** What one answer adds to its team-week's rollup. */
export function answerIncrement(a: Answers): SufficientStats {
  const index = engagementIndex(a);
  const itemSums = zeroItems();
  for (const item of LIKERT_ITEMS) itemSums[item] = a[item] - LIKERT_MIN;
  return {
    n: 1,
    sumIndex: index,
    sumSqIndex: index * index,
    itemSums,
    promoters: a.enps >= PROMOTER_MIN ? 1 : 0,
    detractors: a.enps <= DETRACTOR_MAX ? 1 : 0,
  };
}

/** The sufficient statistics of a group of answers: the sum of their increments. */
export function sufficientStatsOf(answers: Answers[]): SufficientStats {
  let stats = emptyStats();
  for (const a of answers) stats = addStats(stats, answerIncrement(a));
  return stats;
}

export function addStats(a: SufficientStats, b: SufficientStats): SufficientStats {
  const itemSums = zeroItems();
  for (const item of LIKERT_ITEMS) itemSums[item] = a.itemSums[item] + b.itemSums[item];
  return {
    n: a.n + b.n,
    sumIndex: a.sumIndex + b.sumIndex,
    sumSqIndex: a.sumSqIndex + b.sumSqIndex,
    itemSums,
    promoters: a.promoters + b.promoters,
    detractors: a.detractors + b.detractors,
  };
}

export interface Summary {
  n: number;
  engagement: { mean: number; sd: number | null };
  items: Record<LikertItem, number>;
  enps: number;
}

/** Sample variance of the engagement index from the integer sums; 0 for n < 2. */
export function indexVariance(s: SufficientStats): number {
  if (s.n < 2) return 0;
  // n·Σx² − (Σx)² is an exact integer (indices are integers), so no cancellation error;
  // the clamp only matters for hand-built stats that are not internally consistent.
  const numerator = s.n * s.sumSqIndex - s.sumIndex * s.sumIndex;
  return Math.max(0, numerator / (s.n * (s.n - 1)));
}

export function summarize(s: SufficientStats): Summary | null {
  if (s.n === 0) return null;
  const items = zeroItems();
  // Item mean on 0..100: (v − 1) / 4 × 100 = 25 × (v − 1).
  for (const item of LIKERT_ITEMS) items[item] = (ITEM_SCALE * s.itemSums[item]) / s.n;
  return {
    n: s.n,
    engagement: {
      mean: s.sumIndex / s.n,
      sd: s.n < 2 ? null : Math.sqrt(indexVariance(s)),
    },
    items,
    enps: (100 * (s.promoters - s.detractors)) / s.n,
  };
}

export function mean(xs: number[]): number {
  if (xs.length === 0) throw new RangeError('mean of an empty sample');
  let sum = 0;
  for (const x of xs) sum += x;
  const m = sum / xs.length;
  // One correction pass recovers most of the rounding error of the naive sum.
  let residual = 0;
  for (const x of xs) residual += x - m;
  return m + residual / xs.length;
}

/** Sample variance (n − 1 denominator), two-pass so it does not cancel catastrophically. */
export function sampleVariance(xs: number[]): number {
  if (xs.length < 2) throw new RangeError('sample variance needs at least two values');
  const m = mean(xs);
  let sumSq = 0;
  let sum = 0;
  for (const x of xs) {
    const d = x - m;
    sumSq += d * d;
    sum += d;
  }
  // Corrected two-pass algorithm (Chan, Golub & LeVeque).
  return Math.max(0, (sumSq - (sum * sum) / xs.length) / (xs.length - 1));
}
