import type { WeekState } from '@leeway/contracts';
import { type Executor, rowsOf } from '@leeway/db';
import type { SufficientStats } from '@leeway/domain/metrics';
import { sql } from 'drizzle-orm';

// Advisory locks of this class order closing an org's weeks against answers to them: an answer
// holds the org's lock shared while it checks that its week is open and writes; closing holds it
// exclusively, so a week closes only after every answer accepted for it has committed, and an
// answer that comes later sees the closure and is refused.
const CLOSE_LOCK = 0x4c57_0002;

export async function lockForClosing(tx: Executor, orgId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(${CLOSE_LOCK}, hashtext(${orgId}::text))`);
}

export async function lockForAnswering(tx: Executor, orgId: string) {
  await tx.execute(
    sql`select pg_advisory_xact_lock_shared(${CLOSE_LOCK}, hashtext(${orgId}::text))`,
  );
}

export async function isWeekClosed(db: Executor, orgId: string, week: string): Promise<boolean> {
  const result: unknown = await db.execute(
    sql`select 1 from week_closures where org_id = ${orgId} and week = ${week}`,
  );
  return rowsOf(result).length > 0;
}

/** The current k, read under the closing lock (the caller's copy may be a request old). */
export async function currentK(db: Executor, orgId: string): Promise<number> {
  const result: unknown = await db.execute(
    sql`select min_group_size as "k" from orgs where id = ${orgId}`,
  );
  return rowsOf<{ k: number }>(result)[0]!.k;
}

/** The last closed week stored for an org, or null. */
export async function lastClosedWeek(db: Executor, orgId: string): Promise<string | null> {
  const result: unknown = await db.execute(
    sql`select max(week) as "week" from week_closures where org_id = ${orgId}`,
  );
  return rowsOf<{ week: string | null }>(result)[0]?.week ?? null;
}

/** The earliest week with answers, and the earliest instant anyone joined a team of the org. */
export async function firstActivity(
  db: Executor,
  orgId: string,
): Promise<{ week: string | null; joinedAt: Date | null }> {
  const result: unknown = await db.execute(sql`
    select (select min(week) from team_week_stats where org_id = ${orgId}) as "week",
      (select min(joined_at) from memberships where org_id = ${orgId}) as "joinedAt"`);
  const row = rowsOf<{ week: string | null; joinedAt: Date | string | null }>(result)[0]!;
  return { week: row.week, joinedAt: row.joinedAt === null ? null : new Date(row.joinedAt) };
}

/**
 * Freezes weeks of an org as they are when they close: one row per week with the k it closes
 * under, and one row per team that existed then (created before the week's end, or with members
 * or answers in it) with its members at the week's end, the sums of its answers and a random
 * rank. Weeks and instants travel as comma-joined parameters.
 */
export async function freezeWeeks(
  tx: Executor,
  orgId: string,
  k: number,
  weeks: { week: string; closesAt: Date }[],
) {
  if (weeks.length === 0) return;
  const names = weeks.map((w) => w.week).join(',');
  const ats = weeks.map((w) => w.closesAt.toISOString()).join(',');
  await tx.execute(sql`
    insert into week_closures (org_id, week, k_closed, closes_at)
    select ${orgId}, w.week, ${k}, w.at
    from unnest(string_to_array(${names}, ','), string_to_array(${ats}, ',')::timestamptz[])
      as w(week, at)`);
  await tx.execute(sql`
    insert into team_week_closures (org_id, team_id, week, members, n, sum_index, sum_sq_index,
      energy_sum, autonomy_sum, voice_sum, growth_sum, trust_sum, promoters, detractors, rank)
    select t.org_id, t.id, w.week, m.members, coalesce(s.n, 0), coalesce(s.sum_index, 0),
      coalesce(s.sum_sq_index, 0), coalesce(s.energy_sum, 0), coalesce(s.autonomy_sum, 0),
      coalesce(s.voice_sum, 0), coalesce(s.growth_sum, 0), coalesce(s.trust_sum, 0),
      coalesce(s.promoters, 0), coalesce(s.detractors, 0), random()
    from unnest(string_to_array(${names}, ','), string_to_array(${ats}, ',')::timestamptz[])
      as w(week, at)
    join teams t on t.org_id = ${orgId}
    left join team_week_stats s on s.team_id = t.id and s.week = w.week
    cross join lateral (
      select count(*)::int as members from memberships m
      where m.team_id = t.id and m.joined_at <= w.at and (m.left_at is null or m.left_at > w.at)
    ) m
    where t.created_at < w.at or s.n is not null or m.members > 0`);
}

export interface ClosureRow extends SufficientStats {
  teamId: string;
  week: string;
  members: number;
  rank: number;
}

const CLOSURE_COLUMNS = sql.raw(`c.team_id as "teamId", c.week, c.members, c.n,
  c.sum_index::float8 as "sumIndex", c.sum_sq_index::float8 as "sumSqIndex",
  c.energy_sum as "energy", c.autonomy_sum as "autonomy", c.voice_sum as "voice",
  c.growth_sum as "growth", c.trust_sum as "trust", c.promoters, c.detractors`);

interface ClosureColumns {
  teamId: string;
  week: string;
  members: number;
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

const closureStats = (r: ClosureColumns): SufficientStats => ({
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

/** Closed weeks of an org whose decision under max(k at close, k) has not been made yet. */
export async function undecidedWeeks(
  db: Executor,
  orgId: string,
  k: number,
): Promise<{ week: string; threshold: number }[]> {
  const result: unknown = await db.execute(sql`
    select c.week, greatest(c.k_closed, ${k})::int as "threshold"
    from week_closures c
    where c.org_id = ${orgId} and not exists (
      select 1 from week_decisions d
      where d.org_id = c.org_id and d.week = c.week and d.threshold = greatest(c.k_closed, ${k})
    )
    order by c.week`);
  return rowsOf<{ week: string; threshold: number }>(result);
}

/** What the teams of some closed weeks were when they closed, with their ranks. */
export async function closuresOf(
  db: Executor,
  orgId: string,
  weeks: string[],
): Promise<ClosureRow[]> {
  if (weeks.length === 0) return [];
  const result: unknown = await db.execute(sql`
    select ${CLOSURE_COLUMNS}, c.rank from team_week_closures c
    where c.org_id = ${orgId} and c.week = any(string_to_array(${weeks.join(',')}, ','))`);
  return rowsOf<ClosureColumns & { rank: number }>(result).map((r) => ({
    teamId: r.teamId,
    week: r.week,
    members: r.members,
    rank: r.rank,
    ...closureStats(r),
  }));
}

export async function insertDecisions(
  tx: Executor,
  orgId: string,
  weeks: { week: string; threshold: number; orgHidden: boolean }[],
  teams: { teamId: string; week: string; threshold: number; state: WeekState }[],
) {
  if (weeks.length > 0) {
    await tx.execute(sql`
      insert into week_decisions (org_id, week, threshold, org_hidden)
      select ${orgId}, w.week, w.threshold, w.hidden
      from unnest(string_to_array(${weeks.map((w) => w.week).join(',')}, ','),
        string_to_array(${weeks.map((w) => w.threshold).join(',')}, ',')::smallint[],
        string_to_array(${weeks.map((w) => w.orgHidden).join(',')}, ',')::boolean[])
        as w(week, threshold, hidden)
      on conflict do nothing`);
  }
  // In slices: one statement's parameters stay small however many teams an org has.
  for (let i = 0; i < teams.length; i += 20_000) {
    const slice = teams.slice(i, i + 20_000);
    await tx.execute(sql`
      insert into team_week_decisions (org_id, team_id, week, threshold, state)
      select ${orgId}, d.team_id, d.week, d.threshold, d.state
      from unnest(string_to_array(${slice.map((d) => d.teamId).join(',')}, ','),
        string_to_array(${slice.map((d) => d.week).join(',')}, ','),
        string_to_array(${slice.map((d) => d.threshold).join(',')}, ',')::smallint[],
        string_to_array(${slice.map((d) => d.state).join(',')}, ','))
        as d(team_id, week, threshold, state)
      on conflict do nothing`);
  }
}

/** A closed team-week as published: its stored state and what it was at close. */
export interface PublishedCell {
  teamId: string;
  week: string;
  state: WeekState;
  members: number;
  stats: SufficientStats;
}

/**
 * The closed team-weeks of an org (or of one team) in a range of weeks, each with its stored
 * state under the threshold max(k at close, k).
 */
export async function publishedCells(
  db: Executor,
  orgId: string,
  k: number,
  from: string,
  to: string,
  teamId?: string,
): Promise<PublishedCell[]> {
  const team = teamId === undefined ? sql`` : sql`and c.team_id = ${teamId}`;
  const result: unknown = await db.execute(sql`
    select ${CLOSURE_COLUMNS}, d.state
    from week_closures w
    join team_week_closures c on c.org_id = w.org_id and c.week = w.week ${team}
    join team_week_decisions d on d.team_id = c.team_id and d.week = c.week
      and d.threshold = greatest(w.k_closed, ${k})
    where w.org_id = ${orgId} and w.week >= ${from} and w.week <= ${to}
    order by c.week`);
  return rowsOf<ClosureColumns & { state: WeekState }>(result).map((r) => ({
    teamId: r.teamId,
    week: r.week,
    state: r.state,
    members: r.members,
    stats: closureStats(r),
  }));
}

/** Per closed week of a range: whether the org-wide total is hidden, under the same threshold. */
export async function orgDecisions(
  db: Executor,
  orgId: string,
  k: number,
  from: string,
  to: string,
): Promise<{ week: string; orgHidden: boolean; threshold: number }[]> {
  const result: unknown = await db.execute(sql`
    select w.week, d.org_hidden as "orgHidden", d.threshold
    from week_closures w
    join week_decisions d on d.org_id = w.org_id and d.week = w.week
      and d.threshold = greatest(w.k_closed, ${k})
    where w.org_id = ${orgId} and w.week >= ${from} and w.week <= ${to}
    order by w.week`);
  return rowsOf<{ week: string; orgHidden: boolean; threshold: number }>(result);
}

/** Distinct people who answered in some team-weeks (receipts only: who, never what). */
export async function distinctPeople(
  db: Executor,
  cells: { teamId: string; week: string }[],
): Promise<number> {
  if (cells.length === 0) return 0;
  const result: unknown = await db.execute(sql`
    select count(distinct r.user_id)::int as "people"
    from unnest(string_to_array(${cells.map((c) => c.teamId).join(',')}, ','),
      string_to_array(${cells.map((c) => c.week).join(',')}, ',')) as x(team_id, week)
    join pulse_receipts r on r.team_id = x.team_id and r.week = x.week`);
  return rowsOf<{ people: number }>(result)[0]?.people ?? 0;
}

/** The k each of some closed weeks of an org closed under (weeks not closed are absent). */
export async function kClosedOf(
  db: Executor,
  orgId: string,
  weeks: string[],
): Promise<Map<string, number>> {
  if (weeks.length === 0) return new Map();
  const result: unknown = await db.execute(sql`
    select week, k_closed as "k" from week_closures
    where org_id = ${orgId} and week = any(string_to_array(${weeks.join(',')}, ','))`);
  return new Map(rowsOf<{ week: string; k: number }>(result).map((r) => [r.week, r.k]));
}
