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

export async function insertResponse(
  db: Executor,
  values: { orgId: string; teamId: string; week: string; answers: Answers; comment: string | null },
) {
  const { answers: a } = values;
  await db.insert(schema.pulseResponses).values({
    orgId: values.orgId,
    teamId: values.teamId,
    week: values.week,
    energy: a.energy,
    autonomy: a.autonomy,
    voice: a.voice,
    growth: a.growth,
    trust: a.trust,
    enps: a.enps,
    comment: values.comment,
  });
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
