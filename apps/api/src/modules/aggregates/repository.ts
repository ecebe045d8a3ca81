import { type Executor, schema } from '@leeway/db';
import type { SufficientStats } from '@leeway/domain/metrics';
import { and, asc, eq, gte, inArray, lt, lte } from 'drizzle-orm';

export interface TeamWeekStats extends SufficientStats {
  teamId: string;
  week: string;
}

/** Rollup rows of some teams over a range of weeks (index: team_id, week). */
export async function teamWeekStats(
  db: Executor,
  orgId: string,
  teamIds: string[],
  from: string,
  to: string,
): Promise<TeamWeekStats[]> {
  if (teamIds.length === 0) return [];
  const t = schema.teamWeekStats;
  const rows = await db
    .select()
    .from(t)
    .where(
      and(
        eq(t.orgId, orgId),
        teamIds.length === 1 ? eq(t.teamId, teamIds[0]!) : inArray(t.teamId, teamIds),
        gte(t.week, from),
        lte(t.week, to),
      ),
    )
    .orderBy(asc(t.week));
  return rows.map((r) => ({
    teamId: r.teamId,
    week: r.week,
    n: r.n,
    sumIndex: Number(r.sumIndex),
    sumSqIndex: Number(r.sumSqIndex),
    itemSums: {
      energy: r.energySum,
      autonomy: r.autonomySum,
      voice: r.voiceSum,
      growth: r.growthSum,
      trust: r.trustSum,
    },
    promoters: r.promoters,
    detractors: r.detractors,
  }));
}

/** Membership intervals of some teams, to count members as of any week's end. */
export async function membershipIntervals(db: Executor, orgId: string, teamIds: string[]) {
  if (teamIds.length === 0) return [];
  const m = schema.memberships;
  return db
    .select({ teamId: m.teamId, joinedAt: m.joinedAt, leftAt: m.leftAt })
    .from(m)
    .where(
      and(
        eq(m.orgId, orgId),
        teamIds.length === 1 ? eq(m.teamId, teamIds[0]!) : inArray(m.teamId, teamIds),
      ),
    );
}

/** Team-weeks with fewer than k respondents (the primarily suppressed cells) of an org. */
export async function smallTeamWeeks(
  db: Executor,
  orgId: string,
  k: number,
  from: string,
  to: string,
) {
  const t = schema.teamWeekStats;
  return db
    .select({ teamId: t.teamId, week: t.week, n: t.n })
    .from(t)
    .where(and(eq(t.orgId, orgId), gte(t.week, from), lte(t.week, to), lt(t.n, k)));
}

/** The respondent counts of every team of an org in some weeks (candidates for complementary suppression). */
export async function teamWeekCounts(db: Executor, orgId: string, weeks: string[], minN: number) {
  if (weeks.length === 0) return [];
  const t = schema.teamWeekStats;
  return db
    .select({ teamId: t.teamId, week: t.week, n: t.n })
    .from(t)
    .where(and(eq(t.orgId, orgId), inArray(t.week, weeks), gte(t.n, minN)));
}
