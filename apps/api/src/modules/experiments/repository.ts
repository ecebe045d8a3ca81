import { type Executor, schema } from '@leeway/db';
import { and, asc, desc, eq } from 'drizzle-orm';

export type ExperimentRow = typeof schema.experiments.$inferSelect;

export async function findExperiment(db: Executor, orgId: string, id: string) {
  const [row] = await db
    .select()
    .from(schema.experiments)
    .where(and(eq(schema.experiments.orgId, orgId), eq(schema.experiments.id, id)));
  return row;
}

export async function teamExperiments(db: Executor, teamId: string) {
  return db
    .select()
    .from(schema.experiments)
    .where(eq(schema.experiments.teamId, teamId))
    .orderBy(desc(schema.experiments.startWeek));
}

export async function orgExperiments(db: Executor, orgId: string) {
  return db
    .select()
    .from(schema.experiments)
    .where(eq(schema.experiments.orgId, orgId))
    .orderBy(asc(schema.experiments.startWeek));
}

/** Serialises experiment writes per team, so two overlapping launches cannot both pass the check. */
export async function lockTeam(db: Executor, teamId: string) {
  await db
    .select({ id: schema.teams.id })
    .from(schema.teams)
    .where(eq(schema.teams.id, teamId))
    .for('update');
}

export async function insertExperiment(
  db: Executor,
  values: typeof schema.experiments.$inferInsert,
) {
  const [row] = await db.insert(schema.experiments).values(values).returning();
  return row!;
}

export async function updateExperiment(
  db: Executor,
  id: string,
  values: Partial<Pick<ExperimentRow, 'cancelledAt' | 'decision' | 'learnings'>>,
) {
  const [row] = await db
    .update(schema.experiments)
    .set(values)
    .where(eq(schema.experiments.id, id))
    .returning();
  return row!;
}
