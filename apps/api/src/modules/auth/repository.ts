import { type Executor, schema } from '@leeway/db';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';

/** Whether the database holds any organisation yet (the demo is loaded only into an empty one). */
export async function anyOrgExists(db: Executor): Promise<boolean> {
  const [row] = await db.select({ id: schema.orgs.id }).from(schema.orgs).limit(1);
  return row !== undefined;
}

/** The account with this address in one org (an address has at most one per org). */
export async function findUserInOrgByEmail(db: Executor, orgId: string, email: string) {
  const [user] = await db
    .select()
    .from(schema.users)
    .where(and(eq(schema.users.orgId, orgId), sql`lower(${schema.users.email}) = lower(${email})`));
  return user;
}

/** Every account with this address, in any org, newest first: sign-in picks among them. */
export async function findUsersByEmail(db: Executor, email: string) {
  return db
    .select()
    .from(schema.users)
    .where(sql`lower(${schema.users.email}) = lower(${email})`)
    .orderBy(desc(schema.users.createdAt), desc(schema.users.id));
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

/** A new password; bumping auth_version ends every session of the account. */
export async function setPassword(db: Executor, userId: string, passwordHash: string) {
  await db
    .update(schema.users)
    .set({ passwordHash, authVersion: sql`${schema.users.authVersion} + 1` })
    .where(eq(schema.users.id, userId));
}

/** Like setPassword, only for an active account; returns it, or undefined when there is none. */
export async function setPasswordIfActive(db: Executor, userId: string, passwordHash: string) {
  const [user] = await db
    .update(schema.users)
    .set({ passwordHash, authVersion: sql`${schema.users.authVersion} + 1` })
    .where(and(eq(schema.users.id, userId), isNull(schema.users.deactivatedAt)))
    .returning();
  return user;
}
