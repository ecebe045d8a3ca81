import type { Role } from '@leeway/contracts';
import { type Executor, schema } from '@leeway/db';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';

/** The account with this id, in any org. */
export async function findUser(db: Executor, userId: string) {
  const [user] = await db.select().from(schema.users).where(eq(schema.users.id, userId));
  return user;
}

export async function setName(db: Executor, userId: string, name: string) {
  await db.update(schema.users).set({ name }).where(eq(schema.users.id, userId));
}

/** The org's people by name, or only the one with this id. */
export async function listUsers(db: Executor, orgId: string, onlyUserId?: string) {
  const where = onlyUserId
    ? and(eq(schema.users.orgId, orgId), eq(schema.users.id, onlyUserId))
    : eq(schema.users.orgId, orgId);
  return db.select().from(schema.users).where(where).orderBy(asc(schema.users.name));
}

/** Every current membership of the org: who answers which team's pulse. */
export async function currentMembershipsOfOrg(db: Executor, orgId: string) {
  return db
    .select({ userId: schema.memberships.userId, teamId: schema.memberships.teamId })
    .from(schema.memberships)
    .where(and(eq(schema.memberships.orgId, orgId), isNull(schema.memberships.leftAt)));
}

export async function leadsOfOrg(db: Executor, orgId: string) {
  return db
    .select({ userId: schema.teamLeads.userId, teamId: schema.teamLeads.teamId })
    .from(schema.teamLeads)
    .where(eq(schema.teamLeads.orgId, orgId));
}

/** The person's row, locked until the transaction ends. */
export async function lockUser(db: Executor, orgId: string, userId: string) {
  const [user] = await db
    .select()
    .from(schema.users)
    .where(and(eq(schema.users.orgId, orgId), eq(schema.users.id, userId)))
    .for('update');
  return user;
}

// Bumping auth_version ends every session of the person at once (plugins/authentication.ts).
const endSessions = { authVersion: sql`${schema.users.authVersion} + 1` };

export async function reactivateUser(db: Executor, userId: string) {
  await db
    .update(schema.users)
    .set({ deactivatedAt: null, ...endSessions })
    .where(eq(schema.users.id, userId));
}

export async function setRole(db: Executor, userId: string, role: Role) {
  await db
    .update(schema.users)
    .set({ role, ...endSessions })
    .where(eq(schema.users.id, userId));
}

/** Deactivates an active person of the org; undefined when there is none. */
export async function deactivateUser(db: Executor, orgId: string, userId: string, at: Date) {
  const [user] = await db
    .update(schema.users)
    .set({ deactivatedAt: at, ...endSessions })
    .where(
      and(
        eq(schema.users.orgId, orgId),
        eq(schema.users.id, userId),
        isNull(schema.users.deactivatedAt),
      ),
    )
    .returning();
  return user;
}

/** The teams this person leads. */
export async function leadTeamIds(db: Executor, userId: string): Promise<string[]> {
  const rows = await db
    .select({ teamId: schema.teamLeads.teamId })
    .from(schema.teamLeads)
    .where(eq(schema.teamLeads.userId, userId));
  return rows.map((r) => r.teamId);
}

/** Ends the person's lead of these teams, or of every team; returns the teams they no longer lead. */
export async function removeLeads(
  db: Executor,
  userId: string,
  teamIds?: string[],
): Promise<string[]> {
  const rows = await db
    .delete(schema.teamLeads)
    .where(
      teamIds
        ? and(eq(schema.teamLeads.userId, userId), inArray(schema.teamLeads.teamId, teamIds))
        : eq(schema.teamLeads.userId, userId),
    )
    .returning({ teamId: schema.teamLeads.teamId });
  return rows.map((r) => r.teamId);
}

export async function currentMembership(db: Executor, userId: string) {
  const [membership] = await db
    .select()
    .from(schema.memberships)
    .where(and(eq(schema.memberships.userId, userId), isNull(schema.memberships.leftAt)));
  return membership;
}

/** Closes the person's current membership, if any; returns the team they left. */
export async function closeMembership(db: Executor, userId: string, at: Date): Promise<string[]> {
  const rows = await db
    .update(schema.memberships)
    .set({ leftAt: at })
    .where(and(eq(schema.memberships.userId, userId), isNull(schema.memberships.leftAt)))
    .returning({ teamId: schema.memberships.teamId });
  return rows.map((r) => r.teamId);
}

/** These teams of the org (fewer than asked when an id is unknown or of another org). */
export async function findTeams(db: Executor, orgId: string, teamIds: string[]) {
  if (teamIds.length === 0) return [];
  return db
    .select({ id: schema.teams.id, name: schema.teams.name })
    .from(schema.teams)
    .where(and(eq(schema.teams.orgId, orgId), inArray(schema.teams.id, teamIds)));
}
