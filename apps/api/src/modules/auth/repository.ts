import { type Executor, schema } from '@leeway/db';
import { and, eq, isNull, sql } from 'drizzle-orm';

export async function findUserByEmail(db: Executor, email: string) {
  const [user] = await db
    .select()
    .from(schema.users)
    .where(sql`lower(${schema.users.email}) = lower(${email})`);
  return user;
}

export async function revokeSession(db: Executor, sessionId: string, at: Date) {
  await db
    .update(schema.sessions)
    .set({ revokedAt: at })
    .where(and(eq(schema.sessions.id, sessionId), isNull(schema.sessions.revokedAt)));
}

export async function insertOrg(
  db: Executor,
  values: { name: string; timezone: string; createdAt: Date },
) {
  const [org] = await db.insert(schema.orgs).values(values).returning();
  return org!;
}

export async function insertUser(db: Executor, values: typeof schema.users.$inferInsert) {
  const [user] = await db.insert(schema.users).values(values).returning();
  return user!;
}
