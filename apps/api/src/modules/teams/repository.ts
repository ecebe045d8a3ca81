import { type Executor, schema } from '@leeway/db';
import { and, asc, count, eq, inArray, isNull, sql } from 'drizzle-orm';

/** Ids and names of an org's teams (or of some of them), by name: one indexed query. */
export async function teamRefs(db: Executor, orgId: string, onlyIds?: string[]) {
  if (onlyIds && onlyIds.length === 0) return [];
  return db
    .select({ id: schema.teams.id, name: schema.teams.name })
    .from(schema.teams)
    .where(
      onlyIds
        ? and(eq(schema.teams.orgId, orgId), inArray(schema.teams.id, onlyIds))
        : eq(schema.teams.orgId, orgId),
    )
    .orderBy(asc(schema.teams.name));
}

/** Teams with their member counts and leads, for the teams pages. */
export async function listTeams(db: Executor, orgId: string, onlyIds?: string[]) {
  const teams = await teamRefs(db, orgId, onlyIds);
  if (teams.length === 0) return [];
  const ids = teams.map((t) => t.id);
  const [counts, leads] = await Promise.all([
    db
      .select({ teamId: schema.memberships.teamId, n: count() })
      .from(schema.memberships)
      .where(and(inArray(schema.memberships.teamId, ids), isNull(schema.memberships.leftAt)))
      .groupBy(schema.memberships.teamId),
    db
      .select({ teamId: schema.teamLeads.teamId, id: schema.users.id, name: schema.users.name })
      .from(schema.teamLeads)
      .innerJoin(schema.users, eq(schema.users.id, schema.teamLeads.userId))
      .where(inArray(schema.teamLeads.teamId, ids))
      .orderBy(asc(schema.users.name)),
  ]);
  const countOf = new Map(counts.map((c) => [c.teamId, c.n]));
  return teams.map((t) => ({
    ...t,
    memberCount: countOf.get(t.id) ?? 0,
    leads: leads.filter((l) => l.teamId === t.id).map(({ id, name }) => ({ id, name })),
  }));
}

export async function findTeamByName(db: Executor, orgId: string, name: string) {
  const [team] = await db
    .select()
    .from(schema.teams)
    .where(and(eq(schema.teams.orgId, orgId), sql`lower(${schema.teams.name}) = lower(${name})`));
  return team;
}

export async function findTeam(db: Executor, orgId: string, teamId: string) {
  const [team] = await db
    .select()
    .from(schema.teams)
    .where(and(eq(schema.teams.orgId, orgId), eq(schema.teams.id, teamId)));
  return team;
}

export async function insertTeam(
  db: Executor,
  values: { orgId: string; name: string; createdAt: Date },
) {
  const [team] = await db.insert(schema.teams).values(values).returning();
  return team!;
}

export async function renameTeam(db: Executor, orgId: string, teamId: string, name: string) {
  const [team] = await db
    .update(schema.teams)
    .set({ name })
    .where(and(eq(schema.teams.orgId, orgId), eq(schema.teams.id, teamId)))
    .returning();
  return team;
}

export async function currentMembers(db: Executor, teamId: string) {
  return db
    .select({
      id: schema.users.id,
      name: schema.users.name,
      email: schema.users.email,
      role: schema.users.role,
      joinedAt: schema.memberships.joinedAt,
    })
    .from(schema.memberships)
    .innerJoin(schema.users, eq(schema.users.id, schema.memberships.userId))
    .where(and(eq(schema.memberships.teamId, teamId), isNull(schema.memberships.leftAt)))
    .orderBy(asc(schema.users.name));
}

export async function leadsOf(db: Executor, teamId: string) {
  return db
    .select({ id: schema.users.id, name: schema.users.name, email: schema.users.email })
    .from(schema.teamLeads)
    .innerJoin(schema.users, eq(schema.users.id, schema.teamLeads.userId))
    .where(eq(schema.teamLeads.teamId, teamId))
    .orderBy(asc(schema.users.name));
}

export async function addMembership(
  db: Executor,
  values: { orgId: string; userId: string; teamId: string; joinedAt: Date },
) {
  await db.insert(schema.memberships).values(values);
}

export async function addLead(
  db: Executor,
  values: { orgId: string; userId: string; teamId: string },
) {
  await db.insert(schema.teamLeads).values(values).onConflictDoNothing();
}
