import { type Executor, schema } from '@leeway/db';
import { and, eq } from 'drizzle-orm';

const w = schema.teamWebhooks;

/** The team's webhook; with `orgId`, only when the team is of that org. */
export async function findWebhook(db: Executor, teamId: string, orgId?: string) {
  const [hook] = await db
    .select()
    .from(w)
    .where(
      orgId === undefined ? eq(w.teamId, teamId) : and(eq(w.teamId, teamId), eq(w.orgId, orgId)),
    );
  return hook;
}

/** Sets the team's webhook, replacing the one it had. */
export async function upsertWebhook(db: Executor, values: typeof w.$inferInsert) {
  await db.insert(w).values(values).onConflictDoUpdate({ target: w.teamId, set: values });
}

export async function deleteWebhook(db: Executor, orgId: string, teamId: string) {
  await db.delete(w).where(and(eq(w.teamId, teamId), eq(w.orgId, orgId)));
}
