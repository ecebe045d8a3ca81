import { type Executor, schema } from '@leeway/db';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';

export async function insertInvitation(
  db: Executor,
  values: typeof schema.invitations.$inferInsert,
) {
  const [row] = await db.insert(schema.invitations).values(values).returning();
  return row!;
}

export async function findByTokenHash(db: Executor, tokenHash: string) {
  const [row] = await db
    .select({
      invitation: schema.invitations,
      orgName: schema.orgs.name,
      teamName: schema.teams.name,
    })
    .from(schema.invitations)
    .innerJoin(schema.orgs, eq(schema.orgs.id, schema.invitations.orgId))
    .leftJoin(schema.teams, eq(schema.teams.id, schema.invitations.teamId))
    .where(eq(schema.invitations.tokenHash, tokenHash));
  return row;
}

/** Marks the invitation used; only one caller can win, so a token works once. */
export async function claimInvitation(db: Executor, id: string, now: Date) {
  const [row] = await db
    .update(schema.invitations)
    .set({ acceptedAt: now })
    .where(
      and(
        eq(schema.invitations.id, id),
        isNull(schema.invitations.acceptedAt),
        gt(schema.invitations.expiresAt, now),
      ),
    )
    .returning();
  return row;
}

export async function listInvitations(db: Executor, orgId: string, teamIds?: string[]) {
  const rows = await db
    .select()
    .from(schema.invitations)
    .where(eq(schema.invitations.orgId, orgId))
    .orderBy(desc(schema.invitations.createdAt));
  return teamIds ? rows.filter((r) => r.teamId !== null && teamIds.includes(r.teamId)) : rows;
}

/** One invitation of the org, locked until the transaction ends. */
export async function lockInvitation(db: Executor, orgId: string, id: string) {
  const [row] = await db
    .select({ invitation: schema.invitations, teamName: schema.teams.name })
    .from(schema.invitations)
    .leftJoin(schema.teams, eq(schema.teams.id, schema.invitations.teamId))
    .where(and(eq(schema.invitations.orgId, orgId), eq(schema.invitations.id, id)))
    .for('update', { of: schema.invitations });
  return row;
}

/** A new token and expiry for an invitation not yet accepted: the old link stops working. */
export async function renewInvitation(
  db: Executor,
  id: string,
  values: { tokenHash: string; expiresAt: Date },
) {
  const [row] = await db
    .update(schema.invitations)
    .set(values)
    .where(and(eq(schema.invitations.id, id), isNull(schema.invitations.acceptedAt)))
    .returning();
  return row;
}

export async function deleteInvitation(db: Executor, id: string) {
  await db.delete(schema.invitations).where(eq(schema.invitations.id, id));
}
