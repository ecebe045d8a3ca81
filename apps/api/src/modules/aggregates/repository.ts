import { type Executor, prepared, rowsOf, schema } from '@leeway/db';
import type { SufficientStats } from '@leeway/domain/metrics';
import { and, eq, gte, lt, lte, sql } from 'drizzle-orm';

export interface TeamWeekStats extends SufficientStats {
  teamId: string;
  week: string;
}

/** The rollup columns as plain numbers on both drivers (sums are exact integers below 2^53). */
const STATS_COLUMNS = sql.raw(`s.team_id as "teamId", s.week, s.n,
  s.sum_index::float8 as "sumIndex", s.sum_sq_index::float8 as "sumSqIndex",
  s.energy_sum as "energy", s.autonomy_sum as "autonomy", s.voice_sum as "voice",
  s.growth_sum as "growth", s.trust_sum as "trust", s.promoters, s.detractors`);

interface StatsRow {
  teamId: string;
  week: string;
  n: number;
  sumIndex: number;
  sumSqIndex: number;
  energy: number;
  autonomy: number;
  voice: number;
  growth: number;
  trust: number;
  promoters: number;
  detractors: number;
}

const statsOf = (r: StatsRow): TeamWeekStats => ({
  teamId: r.teamId,
  week: r.week,
  n: r.n,
  sumIndex: Number(r.sumIndex),
  sumSqIndex: Number(r.sumSqIndex),
  itemSums: {
    energy: r.energy,
    autonomy: r.autonomy,
    voice: r.voice,
    growth: r.growth,
    trust: r.trust,
  },
  promoters: r.promoters,
  detractors: r.detractors,
});

/** Every team's rollups of an org over a range (index: org_id, week). */
export async function orgWeekStats(
  db: Executor,
  orgId: string,
  from: string,
  to: string,
): Promise<TeamWeekStats[]> {
  const result: unknown = await db.execute(sql`
    select ${STATS_COLUMNS} from team_week_stats s
    where s.org_id = ${orgId} and s.week >= ${from} and s.week <= ${to}`);
  return rowsOf<StatsRow>(result).map(statsOf);
}

/** One team's rollups over a range of weeks (index: team_id, week). */
export async function teamWeekStats(
  db: Executor,
  orgId: string,
  teamId: string,
  from: string,
  to: string,
): Promise<TeamWeekStats[]> {
  const result: unknown = await db.execute(sql`
    select ${STATS_COLUMNS} from team_week_stats s
    where s.org_id = ${orgId} and s.team_id = ${teamId} and s.week >= ${from} and s.week <= ${to}
    order by s.week`);
  return rowsOf<StatsRow>(result).map(statsOf);
}

/**
 * Members per team of an org as of given instants (one per week): joined by then and not yet
 * left.
 */
export async function memberCounts(
  db: Executor,
  orgId: string,
  instants: { week: string; at: Date }[],
): Promise<{ week: string; teamId: string; members: number }[]> {
  if (instants.length === 0) return [];
  const result: unknown = await db.execute(sql`
    select w.week, m.team_id as "teamId", count(*)::int as "members"
    from unnest(
      array[${sql.join(
        instants.map((i) => sql`${i.week}`),
        sql`, `,
      )}]::text[],
      array[${sql.join(
        instants.map((i) => sql`${i.at.toISOString()}`),
        sql`, `,
      )}]::timestamptz[]
    ) as w(week, at)
    join memberships m on m.org_id = ${orgId} and m.joined_at <= w.at
      and (m.left_at is null or m.left_at > w.at)
    group by w.week, m.team_id`);
  return rowsOf<{ week: string; teamId: string; members: number }>(result);
}

export interface TeamWeekRow {
  week: string;
  /** Members as of the week's instant (its end, or now for the open week). */
  members: number;
  /** The week's rollup; none when no one answered. */
  stats: TeamWeekStats | undefined;
  /** Hidden by complementary suppression although it has at least k respondents itself. */
  complementHidden: boolean;
}

/**
 * Everything one team's trends need, one row per week, in one statement: the rollup, the
 * members as of the week's instant, and the org's complementary-suppression decision for that
 * team and week — the decision `hiddenTeamWeeks` makes for the whole org, read for one team: a
 * team with at least k respondents is hidden exactly when it is the week's smallest such team
 * (fewest respondents, then id) and the week's cells under k hold 1..k−1 respondents together.
 * One index probe per week; the week's small cells are summed only in the rare week where this
 * team is that smallest one. Weeks and instants travel as two comma-joined parameters, so the
 * statement's text is the same for every range.
 */
export async function teamWeekRows(
  db: Executor,
  orgId: string,
  teamId: string,
  k: number,
  instants: { week: string; at: Date }[],
): Promise<TeamWeekRow[]> {
  if (instants.length === 0) return [];
  const weeks = instants.map((i) => i.week).join(',');
  const ats = instants.map((i) => i.at.toISOString()).join(',');
  const rows = await prepared<
    Omit<StatsRow, 'n'> & {
      instantWeek: string;
      n: number | null;
      members: number;
      smallSum: number | null;
    }
  >(
    db,
    sql`
    select w.week as "instantWeek", ${STATS_COLUMNS},
      (select count(*) from memberships m
        where m.team_id = ${teamId} and m.org_id = ${orgId} and m.joined_at <= w.at
          and (m.left_at is null or m.left_at > w.at))::int as "members",
      case when f.team_id = s.team_id then (
        select coalesce(sum(x.n), 0)::int from team_week_stats x
        where x.org_id = s.org_id and x.week = s.week and x.n < ${k}
      ) end as "smallSum"
    from unnest(string_to_array(${weeks}, ','), string_to_array(${ats}, ',')::timestamptz[])
      as w(week, at)
    left join team_week_stats s
      on s.org_id = ${orgId} and s.team_id = ${teamId} and s.week = w.week
    left join lateral (
      select o.team_id from team_week_stats o
      where s.n >= ${k} and o.org_id = s.org_id and o.week = s.week and o.n >= ${k}
      order by o.n, o.team_id collate "C"
      limit 1
    ) f on true
    order by w.week`,
  );
  return rows.map((r) => ({
    week: r.instantWeek,
    members: r.members,
    stats: r.n === null ? undefined : statsOf({ ...r, n: r.n }),
    complementHidden: r.smallSum !== null && r.smallSum > 0 && r.smallSum < k,
  }));
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

/**
 * For each of some weeks, the smallest team (fewest respondents, then lowest id) with at least
 * `minN` respondents: the team complementary suppression hides next. One index probe per week.
 */
export async function smallestTeamAtLeast(
  db: Executor,
  orgId: string,
  weeks: string[],
  minN: number,
) {
  if (weeks.length === 0) return [];
  const result: unknown = await db.execute(sql`
    select w.week as "week", s.team_id as "teamId", s.n as "n"
    from unnest(array[${sql.join(
      weeks.map((w) => sql`${w}`),
      sql`, `,
    )}]::text[]) as w(week)
    cross join lateral (
      select t.team_id, t.n from team_week_stats t
      where t.org_id = ${orgId} and t.week = w.week and t.n >= ${minN}
      order by t.n, t.team_id collate "C"
      limit 1
    ) s`);
  return rowsOf<{ week: string; teamId: string; n: number }>(result);
}

/**
 * Recomputes every team-week rollup from the raw responses, in one transaction. The index of a
 * response is 5 × Σ(v − 1), so the sums are exact integers, as the incremental path keeps them.
 */
export async function rebuildRollups(db: Executor, orgId?: string) {
  const scope = orgId ? sql`where org_id = ${orgId}` : sql``;
  await db.execute(sql`delete from team_week_stats ${scope}`);
  await db.execute(sql`
    insert into team_week_stats (org_id, team_id, week, n, sum_index, sum_sq_index,
      energy_sum, autonomy_sum, voice_sum, growth_sum, trust_sum, promoters, detractors)
    select org_id, team_id, week, count(*),
      sum(idx), sum(idx * idx),
      sum(energy - 1), sum(autonomy - 1), sum(voice - 1), sum(growth - 1), sum(trust - 1),
      count(*) filter (where enps >= 9), count(*) filter (where enps <= 6)
    from (
      select *, 5 * ((energy - 1) + (autonomy - 1) + (voice - 1) + (growth - 1) + (trust - 1))::bigint as idx
      from pulse_responses ${scope}
    ) r
    group by org_id, team_id, week`);
}
