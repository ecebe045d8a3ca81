import type { WeekAggregate } from '@leeway/contracts';
import type { Db } from '@leeway/db';
import { addStats, emptyStats, type SufficientStats } from '@leeway/domain/metrics';
import { weekBounds, weekRange } from '@leeway/domain/weeks';
import { LRUCache } from 'lru-cache';
import type { Ctx } from '../../lib/context.ts';
import * as aggregatesRepo from './repository.ts';
import { hiddenTeamWeeks, membershipInstant, weekAggregate } from './service.ts';

/** One week of an org: every team's cell and the org-wide figure, suppression applied. */
export interface OrgWeek {
  week: string;
  /** The week's end in the org's time zone. */
  closesAt: Date;
  /** Teams with answers or members that week; a team not here had neither. */
  cells: Map<string, WeekAggregate>;
  /** The org-wide sums, its member count, and whether the org figure is hidden. */
  total: { stats: SufficientStats | undefined; members: number; hidden: boolean };
}

/**
 * Closed weeks never change: a pulse is answered only in its own week, membership changes
 * happen now, and a week's suppression depends on that week's counts alone. So the org-wide
 * table of a closed week is computed once per (org, k, time zone, week) and kept, and the
 * heatmap, org trends and the export read only the open week from the database. A week is kept
 * only once it has been closed for a minute, so that an answer accepted in its last instant
 * (whose transaction commits a moment later, on any instance) is in it. Writes that could
 * reach a kept week — possible only when a clock moves backwards, as in tests — forget it
 * (`forgetOrgWeek`, `forgetOrgWeeksAfter`).
 *
 * Bounded by cells: 200,000 is two orgs of 2,000 teams × 52 weeks (about 50 MB of heap each).
 */
const MAX_CACHED_CELLS = 200_000;
const SETTLE_MS = 60_000;

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

const keyOf = (orgId: string, week: string, k: number, timezone: string) =>
  `${orgId}|${week}|${k}|${timezone}`;

/** The org's weeks (sorted, contiguous or not), closed ones from the cache where possible. */
export async function orgWeeks(ctx: Ctx, weeks: string[]): Promise<Map<string, OrgWeek>> {
  const { orgId, org } = ctx.caller;
  const now = ctx.clock.now().getTime();
  const settled = (week: string) =>
    weekBounds(week, org.timezone).closesAt.getTime() + SETTLE_MS <= now;
  const cache = cacheOf(ctx.db);
  const found = new Map<string, OrgWeek>();
  const missing: string[] = [];
  for (const week of weeks) {
    const hit = settled(week)
      ? cache.get(keyOf(orgId, week, org.minGroupSize, org.timezone))
      : undefined;
    if (hit) found.set(week, hit);
    else missing.push(week);
  }
  if (missing.length > 0) {
    const computed = await computeOrgWeeks(ctx, missing[0]!, missing.at(-1)!);
    for (const week of missing) {
      const entry = computed.get(week)!;
      found.set(week, entry);
      if (settled(week)) {
        cache.set(keyOf(orgId, week, org.minGroupSize, org.timezone), entry);
      }
    }
  }
  return found;
}

/** Forgets one cached week of the caller's org (a pulse answer reached it). */
export function forgetOrgWeek(ctx: Ctx, week: string): void {
  const { orgId, org } = ctx.caller;
  caches.get(ctx.db)?.delete(keyOf(orgId, week, org.minGroupSize, org.timezone));
}

/** Forgets the cached weeks of an org that end after `at` (a membership changed then). */
export function forgetOrgWeeksAfter(db: Db, orgId: string, at: Date): void {
  const cache = caches.get(db);
  if (!cache) return;
  for (const [key, entry] of [...cache.entries()]) {
    if (key.startsWith(`${orgId}|`) && entry.closesAt > at) cache.delete(key);
  }
}

async function computeOrgWeeks(ctx: Ctx, from: string, to: string): Promise<Map<string, OrgWeek>> {
  const { orgId, org } = ctx.caller;
  const k = org.minGroupSize;
  const weeks = weekRange(from, to);
  const now = ctx.clock.now();
  const [stats, counts, hidden] = await Promise.all([
    aggregatesRepo.orgWeekStats(ctx.db, orgId, from, to),
    aggregatesRepo.memberCounts(
      ctx.db,
      orgId,
      weeks.map((week) => ({ week, at: membershipInstant(week, org.timezone, now) })),
    ),
    hiddenTeamWeeks(ctx, { from, to }),
  ]);
  const statsOf = new Map(weeks.map((w) => [w, new Map<string, SufficientStats>()]));
  for (const s of stats) statsOf.get(s.week)?.set(s.teamId, s);
  const membersOf = new Map(weeks.map((w) => [w, new Map<string, number>()]));
  for (const c of counts) membersOf.get(c.week)?.set(c.teamId, c.members);

  const result = new Map<string, OrgWeek>();
  for (const week of weeks) {
    const weekStats = statsOf.get(week)!;
    const weekMembers = membersOf.get(week)!;
    const cells = new Map<string, WeekAggregate>();
    let total: SufficientStats | undefined;
    let members = 0;
    for (const teamId of new Set([...weekStats.keys(), ...weekMembers.keys()])) {
      const s = weekStats.get(teamId);
      const m = weekMembers.get(teamId) ?? 0;
      if (s) total = addStats(total ?? emptyStats(), s);
      members += m;
      cells.set(teamId, weekAggregate(week, s, m, k, hidden.isHidden(teamId, week)));
    }
    result.set(week, {
      week,
      closesAt: weekBounds(week, org.timezone).closesAt,
      cells,
      total: { stats: total, members, hidden: hidden.orgHidden.has(week) },
    });
  }
  return result;
}
