import { type Executor, schema } from '@leeway/db';
import { and, eq } from 'drizzle-orm';

/**
 * The team a route's resource belongs to, looked up within one org only (undefined for an id
 * of another org, so that it answers 404 like an unknown one).
 */
export async function teamIdOfTeam(db: Executor, orgId: string, teamId: string) {
  const [row] = await db
    .select({ teamId: schema.teams.id })
    .from(schema.teams)
    .where(and(eq(schema.teams.id, teamId), eq(schema.teams.orgId, orgId)));
  return row?.teamId;
}

export async function teamIdOfExperiment(db: Executor, orgId: string, experimentId: string) {
  const [row] = await db
    .select({ teamId: schema.experiments.teamId })
    .from(schema.experiments)
    .where(and(eq(schema.experiments.id, experimentId), eq(schema.experiments.orgId, orgId)));
  return row?.teamId;
}

export async function teamIdOfIdea(db: Executor, orgId: string, ideaId: string) {
  const [row] = await db
    .select({ teamId: schema.ideas.teamId })
    .from(schema.ideas)
    .where(and(eq(schema.ideas.id, ideaId), eq(schema.ideas.orgId, orgId)));
  return row?.teamId;
}
