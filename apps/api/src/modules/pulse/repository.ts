import { type Executor, schema } from '@leeway/db';
import {
  type Answers,
  answerIncrement,
  DETRACTOR_MAX,
  INDEX_SCALE,
  LIKERT_ITEMS,
  LIKERT_MIN,
  PROMOTER_MIN,
} from '@leeway/domain/metrics';
import { and, eq, isNotNull, sql } from 'drizzle-orm';

/** Whether this person answered a pulse of this ISO week, in any team. */
export async function hasAnswered(db: Executor, userId: string, week: string) {
  const [row] = await db
    .select({ userId: schema.pulseReceipts.userId })
    .from(schema.pulseReceipts)
    .where(and(eq(schema.pulseReceipts.userId, userId), eq(schema.pulseReceipts.week, week)))
    .limit(1);
  return row !== undefined;
}

// Serialises one person's answers, so that two submissions to two teams (after a move) cannot
// both find no earlier answer this week.
const PERSON_LOCK = 0x4c57_0003;

export async function lockPerson(db: Executor, userId: string) {
  await db.execute(sql`select pg_advisory_xact_lock(${PERSON_LOCK}, hashtext(${userId}::text))`);
}

/** Records participation; false when this person already answered this pulse. */
export async function insertReceipt(
  db: Executor,
  values: { orgId: string; teamId: string; week: string; userId: string },
): Promise<boolean> {
  const rows = await db
    .insert(schema.pulseReceipts)
    .values(values)
    .onConflictDoNothing()
    .returning({ userId: schema.pulseReceipts.userId });
  return rows.length === 1;
}

// Advisory locks of this class serialise the writers of one team-week (see insertResponse).
const TEAM_WEEK_LOCK = 0x4c57_0001;

/**
 * Stores one response by rewriting its whole team-week: the week's responses are deleted and
 * inserted again with the new one, in a random order, with fresh random ids, in the caller's
 * transaction. PostgreSQL keeps rows in the order they were inserted and stamps each with the
 * transaction that wrote it (`xmin`, the receipt's too), so a response inserted on its own could
 * be paired with its receipt by position or by transaction. After the rewrite every response of
 * the week sits at a random position and carries the latest writer's transaction id.
 * The lock makes concurrent writers of one team-week take turns, so no rewrite misses a response
 * committed meanwhile (each statement of a READ COMMITTED transaction sees what was committed
 * before it started). Cost: the k-th answer of a team-week writes k rows.
 */
export async function insertResponse(
  db: Executor,
  values: { orgId: string; teamId: string; week: string; answers: Answers; comment: string | null },
) {
  const { orgId, teamId, week, answers: a, comment } = values;
  await db.execute(
    sql`select pg_advisory_xact_lock(${TEAM_WEEK_LOCK}, hashtext(${teamId}::text || '/' || ${week}::text))`,
  );
  await db.execute(sql`
    with previous as (
      delete from pulse_responses where team_id = ${teamId} and week = ${week}
      returning org_id, team_id, week, energy, autonomy, voice, growth, trust, enps, comment
    ), week_responses as (
      select * from previous
      union all
      select ${orgId}::text, ${teamId}::text, ${week}::text, ${a.energy}::smallint,
        ${a.autonomy}::smallint, ${a.voice}::smallint, ${a.growth}::smallint, ${a.trust}::smallint,
        ${a.enps}::smallint, ${comment}::text
    )
    insert into pulse_responses
      (id, org_id, team_id, week, energy, autonomy, voice, growth, trust, enps, comment)
    select gen_random_uuid()::text, org_id, team_id, week, energy, autonomy, voice, growth, trust,
      enps, comment
    from week_responses
    order by random()`);
}

/**
 * Adds one response to its team-week's sufficient statistics (same transaction as the response):
 * the domain's `answerIncrement`, added column by column.
 */
export async function addToRollup(
  db: Executor,
  values: { orgId: string; teamId: string; week: string; answers: Answers },
) {
  const increment = answerIncrement(values.answers);
  const t = schema.teamWeekStats;
  const row = {
    orgId: values.orgId,
    teamId: values.teamId,
    week: values.week,
    n: increment.n,
    sumIndex: increment.sumIndex,
    sumSqIndex: increment.sumSqIndex,
    energySum: increment.itemSums.energy,
    autonomySum: increment.itemSums.autonomy,
    voiceSum: increment.itemSums.voice,
    growthSum: increment.itemSums.growth,
    trustSum: increment.itemSums.trust,
    promoters: increment.promoters,
    detractors: increment.detractors,
  };
  const add = (column: keyof typeof row & keyof typeof t.$inferSelect) =>
    sql`${t[column]} + excluded.${sql.identifier(snake(column))}`;
  await db
    .insert(t)
    .values(row)
    .onConflictDoUpdate({
      target: [t.teamId, t.week],
      set: {
        n: add('n'),
        sumIndex: add('sumIndex'),
        sumSqIndex: add('sumSqIndex'),
        energySum: add('energySum'),
        autonomySum: add('autonomySum'),
        voiceSum: add('voiceSum'),
        growthSum: add('growthSum'),
        trustSum: add('trustSum'),
        promoters: add('promoters'),
        detractors: add('detractors'),
      },
    });
}

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export async function commentsOf(db: Executor, teamId: string, week: string) {
  const rows = await db
    .select({ comment: schema.pulseResponses.comment })
    .from(schema.pulseResponses)
    .where(
      and(
        eq(schema.pulseResponses.teamId, teamId),
        eq(schema.pulseResponses.week, week),
        isNotNull(schema.pulseResponses.comment),
      ),
    );
  return rows.map((r) => r.comment!);
}

// The rebuild's SQL, written from the domain's constants (packages/domain/src/metrics.ts), so it
// cannot drift from `answerIncrement`; apps/api/test/rollups.test.ts checks that they agree.
const literal = (n: number) => sql.raw(String(n));
const offset = (item: (typeof LIKERT_ITEMS)[number]) =>
  sql`(${sql.identifier(item)} - ${literal(LIKERT_MIN)})`;
const indexOfRow = sql`${literal(INDEX_SCALE)} * (${sql.join(LIKERT_ITEMS.map(offset), sql` + `)})::bigint`;

/**
 * Recomputes every team-week rollup from the raw responses (in the caller's transaction). The
 * index of a response is 5 × Σ(v − 1), so the sums are exact integers, as the incremental path
 * keeps them.
 */
export async function rebuildRollups(db: Executor, orgId?: string) {
  const scope = orgId ? sql`where org_id = ${orgId}` : sql``;
  await db.execute(sql`delete from team_week_stats ${scope}`);
  await db.execute(sql`
    insert into team_week_stats (org_id, team_id, week, n, sum_index, sum_sq_index,
      energy_sum, autonomy_sum, voice_sum, growth_sum, trust_sum, promoters, detractors)
    select org_id, team_id, week, count(*),
      sum(idx), sum(idx * idx),
      ${sql.join(
        LIKERT_ITEMS.map((item) => sql`sum(${offset(item)})`),
        sql`, `,
      )},
      count(*) filter (where enps >= ${literal(PROMOTER_MIN)}),
      count(*) filter (where enps <= ${literal(DETRACTOR_MAX)})
    from (
      select *, ${indexOfRow} as idx
      from pulse_responses ${scope}
    ) r
    group by org_id, team_id, week`);
}
