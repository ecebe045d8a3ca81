import { type Db, type Executor, schema } from '@leeway/db';
import { and, eq, sql } from 'drizzle-orm';

/** What a new session copies from its user: the org and the version that revokes it. */
export async function findSessionOwner(db: Executor, userId: string) {
  const [user] = await db
    .select({
      id: schema.users.id,
      orgId: schema.users.orgId,
      authVersion: schema.users.authVersion,
    })
    .from(schema.users)
    .where(eq(schema.users.id, userId));
  return user;
}

export async function insertSession(
  db: Executor,
  values: { orgId: string; userId: string; authVersion: number; createdAt: Date; expiresAt: Date },
): Promise<string> {
  const [session] = await db
    .insert(schema.sessions)
    .values(values)
    .returning({ id: schema.sessions.id });
  return session!.id;
}

/**
 * The session with its user, org and the user's teams, in one round trip. Every authenticated
 * request runs it: prepared once, so the database plans it once per connection instead of on
 * every request.
 */
export function prepareSessionQuery(db: Db) {
  const query = db
    .select({
      userId: schema.users.id,
      orgId: schema.users.orgId,
      role: schema.users.role,
      name: schema.users.name,
      email: schema.users.email,
      userAuthVersion: schema.users.authVersion,
      deactivatedAt: schema.users.deactivatedAt,
      sessionAuthVersion: schema.sessions.authVersion,
      expiresAt: schema.sessions.expiresAt,
      revokedAt: schema.sessions.revokedAt,
      leadTeamIds: sql<string[]>`array(select ${schema.teamLeads.teamId} from ${schema.teamLeads}
          where ${schema.teamLeads.userId} = ${schema.users.id})`,
      memberTeamId: sql<string | null>`(select ${schema.memberships.teamId}
          from ${schema.memberships} where ${schema.memberships.userId} = ${schema.users.id}
          and ${schema.memberships.leftAt} is null limit 1)`,
      org: {
        id: schema.orgs.id,
        name: schema.orgs.name,
        timezone: schema.orgs.timezone,
        earlierZones: schema.orgs.earlierZones,
        minGroupSize: schema.orgs.minGroupSize,
        baselineWeeks: schema.orgs.baselineWeeks,
        createdAt: schema.orgs.createdAt,
      },
    })
    .from(schema.sessions)
    .innerJoin(schema.users, eq(schema.users.id, schema.sessions.userId))
    .innerJoin(schema.orgs, eq(schema.orgs.id, schema.users.orgId))
    .where(
      and(
        eq(schema.sessions.id, sql.placeholder('sid')),
        eq(schema.sessions.userId, sql.placeholder('sub')),
      ),
    )
    .prepare('leeway_caller');
  return async (sessionId: string, userId: string) =>
    (await query.execute({ sid: sessionId, sub: userId }))[0];
}
