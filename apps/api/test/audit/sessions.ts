import { schema } from '@leeway/db';
import type { LeewayApp } from '../../src/app.ts';
import { type Client, client, uniqueEmail } from '../helpers/api.ts';

const YEAR_MS = 365 * 24 * 3600 * 1000;

/**
 * A session of a year for an existing user, written through the schema like `quickMembers` does:
 * the audit moves the clock over many weeks, past the ordinary session lifetime.
 */
export async function longSession(app: LeewayApp, orgId: string, userId: string): Promise<Client> {
  const now = app.clock.now();
  const [session] = await app.db
    .insert(schema.sessions)
    .values({ orgId, userId, authVersion: 0, createdAt: now, expiresAt: new Date(+now + YEAR_MS) })
    .returning();
  const iat = Math.floor(+now / 1000);
  return client(
    app,
    app.jwt.sign({ sub: userId, sid: session!.id, org: orgId, iat, exp: iat + YEAR_MS / 1000 }),
  );
}

/** A lead of some teams, made quickly (no invitation, no password), with a long session. */
export async function quickLead(
  app: LeewayApp,
  orgId: string,
  teamIds: string[],
): Promise<{ id: string; api: Client }> {
  const [user] = await app.db
    .insert(schema.users)
    .values({
      orgId,
      email: uniqueEmail('lead'),
      name: 'Lead',
      role: 'lead',
      createdAt: app.clock.now(),
    })
    .returning();
  if (teamIds.length > 0) {
    await app.db
      .insert(schema.teamLeads)
      .values(teamIds.map((teamId) => ({ orgId, teamId, userId: user!.id })));
  }
  return { id: user!.id, api: await longSession(app, orgId, user!.id) };
}

/** Makes an existing lead the lead of one more team. */
export async function addLeadOf(app: LeewayApp, orgId: string, teamId: string, userId: string) {
  await app.db.insert(schema.teamLeads).values({ orgId, teamId, userId });
}
