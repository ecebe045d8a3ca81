import { type Executor, schema } from '@leeway/db';
import { and, eq, gt, inArray, isNull, lte } from 'drizzle-orm';

export type OrgRow = typeof schema.orgs.$inferSelect;

export const allOrgs = (db: Executor) => db.select().from(schema.orgs);

/** People who are members of a team now (their pulse is that team's), active accounts only. */
export async function currentMembers(db: Executor, orgId: string, at: Date) {
  const m = schema.memberships;
  const u = schema.users;
  return db
    .select({
      userId: u.id,
      email: u.email,
      name: u.name,
      teamId: m.teamId,
      teamName: schema.teams.name,
    })
    .from(m)
    .innerJoin(u, eq(u.id, m.userId))
    .innerJoin(schema.teams, eq(schema.teams.id, m.teamId))
    .where(and(eq(m.orgId, orgId), isNull(m.leftAt), lte(m.joinedAt, at), isNull(u.deactivatedAt)));
}

/** Of these people, those who answered this week (in any team). */
export async function answeredThisWeek(db: Executor, orgId: string, week: string) {
  const r = schema.pulseReceipts;
  const rows = await db
    .select({ userId: r.userId })
    .from(r)
    .where(and(eq(r.orgId, orgId), eq(r.week, week)));
  return new Set(rows.map((row) => row.userId));
}

export async function teamsWithLeads(db: Executor, orgId: string) {
  const l = schema.teamLeads;
  const u = schema.users;
  return db
    .select({
      teamId: l.teamId,
      teamName: schema.teams.name,
      userId: u.id,
      email: u.email,
      name: u.name,
    })
    .from(l)
    .innerJoin(u, eq(u.id, l.userId))
    .innerJoin(schema.teams, eq(schema.teams.id, l.teamId))
    .where(and(eq(l.orgId, orgId), isNull(u.deactivatedAt)));
}

export async function teamsOf(db: Executor, orgId: string) {
  return db
    .select({ id: schema.teams.id, name: schema.teams.name })
    .from(schema.teams)
    .where(eq(schema.teams.orgId, orgId));
}

export async function admins(db: Executor, orgId: string) {
  const u = schema.users;
  return db
    .select({ userId: u.id, email: u.email, name: u.name })
    .from(u)
    .where(and(eq(u.orgId, orgId), eq(u.role, 'admin'), isNull(u.deactivatedAt)));
}

export async function experimentsOf(db: Executor, orgId: string) {
  const e = schema.experiments;
  return db
    .select({
      id: e.id,
      teamId: e.teamId,
      title: e.title,
      startWeek: e.startWeek,
      endWeek: e.endWeek,
      cancelledAt: e.cancelledAt,
      decision: e.decision,
    })
    .from(e)
    .where(eq(e.orgId, orgId));
}

export async function webhooksOf(db: Executor, orgId: string) {
  return db.select().from(schema.teamWebhooks).where(eq(schema.teamWebhooks.orgId, orgId));
}

/** Which of these message keys are already in the outbox (to skip writing them again). */
export async function existingKeys(db: Executor, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db
    .select({ key: schema.outboxMessages.dedupeKey })
    .from(schema.outboxMessages)
    .where(inArray(schema.outboxMessages.dedupeKey, keys));
  return new Set(rows.map((r) => r.key!));
}

/**
 * Memberships that began after the person's account did (an admin added or moved them; an
 * invitation's own team starts with the account), in the last week, of active people.
 */
export async function recentlyAdded(db: Executor, orgId: string, since: Date) {
  const m = schema.memberships;
  const u = schema.users;
  return db
    .select({
      membershipId: m.id,
      userId: u.id,
      email: u.email,
      name: u.name,
      teamName: schema.teams.name,
    })
    .from(m)
    .innerJoin(u, eq(u.id, m.userId))
    .innerJoin(schema.teams, eq(schema.teams.id, m.teamId))
    .where(
      and(
        eq(m.orgId, orgId),
        isNull(m.leftAt),
        gt(m.joinedAt, since),
        gt(m.joinedAt, u.createdAt),
        isNull(u.deactivatedAt),
      ),
    );
}
