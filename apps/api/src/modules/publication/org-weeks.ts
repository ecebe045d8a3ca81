import type { WeekAggregate } from '@leeway/contracts';
import type { Db } from '@leeway/db';
import { addStats, emptyStats, type SufficientStats } from '@leeway/domain/metrics';
import { LRUCache } from 'lru-cache';
import type { Ctx } from '../../lib/context.ts';
import { cellAggregate, orgCells, orgDecisions } from './service.ts';

/** One closed week of an org as published: every team's cell and the org-wide total. */
export interface OrgWeek {
  week: string;
  /** Teams that existed that week; a team not here did not exist yet. */
  cells: Map<string, WeekAggregate>;
  /**
   * The org-wide sums of every answer of the week (the one figure that counts hidden teams too,
   * protected by complementary suppression), its members, and whether it is hidden.
   */
  total: { stats: SufficientStats; members: number; hidden: boolean };
}

/**
 * Closed weeks never change, and neither does their stored decision under a given k, so each
 * org-week is assembled once per (org, week, k) and kept. Bounded by cells: 200,000 is two orgs
 * of 2,000 teams × 52 weeks (about 50 MB of heap each). Nothing needs invalidating: a raised or
 * lowered k is another key, and instances assemble the same values from the same stored rows.
 */
const MAX_CACHED_CELLS = 200_000;

const caches = new WeakMap<Db, LRUCache<string, OrgWeek>>();

function cacheOf(db: Db): LRUCache<string, OrgWeek> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new LRUCache<string, OrgWeek>({
      maxSize: MAX_CACHED_CELLS,
      sizeCalculation: (entry) => entry.cells.size + 1,
    });
    caches.set(db, cache);
  }
  return cache;
}

/** The org's closed weeks (sorted), as published; call `ensurePublished` first. */
export async function orgWeeks(ctx: Ctx, weeks: string[]): Promise<Map<string, OrgWeek>> {
  const { orgId, org } = ctx.caller;
  const keyOf = (week: string) => `${orgId}|${week}|${org.minGroupSize}`;
  const cache = cacheOf(ctx.db);
  const found = new Map<string, OrgWeek>();
  const missing: string[] = [];
  for (const week of weeks) {
    const hit = cache.get(keyOf(week));
    if (hit) found.set(week, hit);
    else missing.push(week);
  }
  if (missing.length > 0) {
    const from = missing[0]!;
    const to = missing.at(-1)!;
    const [cells, decisions] = await Promise.all([
      orgCells(ctx, from, to),
      orgDecisions(ctx, from, to),
    ]);
    const assembled = new Map<string, OrgWeek>(
      decisions.map((d) => [
        d.week,
        {
          week: d.week,
          cells: new Map(),
          total: { stats: emptyStats(), members: 0, hidden: d.orgHidden },
        },
      ]),
    );
    for (const cell of cells) {
      const entry = assembled.get(cell.week);
      if (!entry) continue;
      entry.cells.set(cell.teamId, cellAggregate(cell));
      entry.total.stats = addStats(entry.total.stats, cell.stats);
      entry.total.members += cell.members;
    }
    for (const week of missing) {
      const entry = assembled.get(week) ?? {
        week,
        cells: new Map(),
        total: { stats: emptyStats(), members: 0, hidden: true },
      };
      found.set(week, entry);
      if (assembled.has(week)) cache.set(keyOf(week), entry);
    }
  }
  return found;
}
