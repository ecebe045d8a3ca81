import { type Executor, rowsOf, schema } from '@leeway/db';
import { LIKERT_ITEMS, type LikertItem } from '@leeway/domain/metrics';
import type { SampleSummary } from '@leeway/domain/stats';
import { and, eq, inArray, sql } from 'drizzle-orm';

/** n, Σx and Σx² of one item on the 0–100 scale over some answers. */
export interface ItemSums {
  n: number;
  sum: number;
  sumSq: number;
}

const emptySums = (): Record<LikertItem, ItemSums> =>
  Object.fromEntries(LIKERT_ITEMS.map((i) => [i, { n: 0, sum: 0, sumSq: 0 }])) as Record<
    LikertItem,
    ItemSums
  >;

/**
 * Per item, the sums of the answers of some team-weeks. Callers pass **published, closed**
 * team-weeks only (docs/product.md §4): a closed week takes no more answers, so these sums are
 * as fixed as its frozen closure, and they reveal nothing the published cells do not pool.
 */
export async function itemSums(
  db: Executor,
  cells: { teamId: string; week: string }[],
): Promise<Record<LikertItem, ItemSums>> {
  const sums = emptySums();
  if (cells.length === 0) return sums;
  const columns = sql.raw(
    LIKERT_ITEMS.map(
      (i) =>
        `sum(25 * (r.${i} - 1))::float8 as "${i}Sum", sum(625 * (r.${i} - 1) * (r.${i} - 1))::float8 as "${i}SumSq"`,
    ).join(', '),
  );
  const result: unknown = await db.execute(sql`
    select count(*)::int as n, ${columns}
    from unnest(string_to_array(${cells.map((c) => c.teamId).join(',')}, ','),
      string_to_array(${cells.map((c) => c.week).join(',')}, ',')) as x(team_id, week)
    join pulse_responses r on r.team_id = x.team_id and r.week = x.week`);
  const row = rowsOf<Record<string, number>>(result)[0];
  if (!row?.n) return sums;
  for (const item of LIKERT_ITEMS) {
    sums[item] = { n: row.n, sum: Number(row[`${item}Sum`]), sumSq: Number(row[`${item}SumSq`]) };
  }
  return sums;
}

/** The sample behind item sums: n, mean and sample variance (n − 1). */
export function sampleOfSums(s: ItemSums): SampleSummary {
  if (s.n === 0) return { n: 0, mean: 0, variance: 0 };
  // n·Σx² − (Σx)² is an exact integer (every value is a multiple of 25), so nothing cancels.
  const variance = s.n < 2 ? 0 : Math.max(0, (s.n * s.sumSq - s.sum * s.sum) / (s.n * (s.n - 1)));
  return { n: s.n, mean: s.sum / s.n, variance };
}

/** Adds one fidelity answer (1–5) to its team-week's sums, in the answer's transaction. */
export async function addFidelityAnswer(
  tx: Executor,
  v: { orgId: string; teamId: string; week: string; experimentId: string; value: number },
) {
  const x = v.value - 1;
  const f = schema.experimentFidelity;
  await tx
    .insert(f)
    .values({ ...v, n: 1, sum: x, sumSq: x * x })
    .onConflictDoUpdate({
      target: [f.teamId, f.week],
      set: { n: sql`${f.n} + 1`, sum: sql`${f.sum} + ${x}`, sumSq: sql`${f.sumSq} + ${x * x}` },
    });
}

/** The fidelity sums of an experiment's team in some weeks. */
export async function fidelitySums(
  db: Executor,
  teamId: string,
  experimentId: string,
  weeks: string[],
) {
  if (weeks.length === 0) return [];
  const f = schema.experimentFidelity;
  return db
    .select()
    .from(f)
    .where(and(eq(f.teamId, teamId), eq(f.experimentId, experimentId), inArray(f.week, weeks)));
}
