import { type Executor, schema } from '@leeway/db';
import { type Answers, engagementIndex } from '@leeway/domain/metrics';
import { and, eq, isNotNull, sql } from 'drizzle-orm';

export async function hasReceipt(db: Executor, userId: string, teamId: string, week: string) {
  const [row] = await db
    .select({ userId: schema.pulseReceipts.userId })
    .from(schema.pulseReceipts)
    .where(
      and(
        eq(schema.pulseReceipts.userId, userId),
        eq(schema.pulseReceipts.teamId, teamId),
        eq(schema.pulseReceipts.week, week),
      ),
    );
  return row !== undefined;
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

/** Adds one response to its team-week's sufficient statistics (same transaction as the response). */
export async function addToRollup(
  db: Executor,
  values: { orgId: string; teamId: string; week: string; answers: Answers },
) {
  const { answers: a } = values;
  const index = engagementIndex(a);
  const t = schema.teamWeekStats;
  const row = {
    orgId: values.orgId,
    teamId: values.teamId,
    week: values.week,
    n: 1,
    sumIndex: index,
    sumSqIndex: index * index,
    energySum: a.energy - 1,
    autonomySum: a.autonomy - 1,
    voiceSum: a.voice - 1,
    growthSum: a.growth - 1,
    trustSum: a.trust - 1,
    promoters: a.enps >= 9 ? 1 : 0,
    detractors: a.enps <= 6 ? 1 : 0,
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
