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
