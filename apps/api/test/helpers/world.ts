import type { LeewayApp } from '../../src/app.ts';
import { addPerson, createTeam, type Org, type Person, signUpOrg, unique } from './api.ts';

/**
 * Two organisations: in org A an admin, a lead and a member of team A1, and a second team A2
 * nobody but the admin can reach; org B with its own team B1.
 */
export interface World {
  a: Org;
  b: Org;
  a1: { id: string; name: string };
  a2: { id: string; name: string };
  b1: { id: string; name: string };
  lead: Person;
  member: Person;
  leadA2: Person;
  memberA2: Person;
}

export async function buildWorld(app: LeewayApp): Promise<World> {
  const a = await signUpOrg(app);
  const b = await signUpOrg(app);
  const a1 = await createTeam(a.admin, unique('A1'));
  const a2 = await createTeam(a.admin, unique('A2'));
  const b1 = await createTeam(b.admin, unique('B1'));
  const lead = await addPerson(app, a.admin, 'lead', a1.id);
  const member = await addPerson(app, a.admin, 'member', a1.id);
  const leadA2 = await addPerson(app, a.admin, 'lead', a2.id);
  const memberA2 = await addPerson(app, a.admin, 'member', a2.id);
  return { a, b, a1, a2, b1, lead, member, leadA2, memberA2 };
}

import { schema } from '@leeway/db';
import { client, uniqueEmail } from './api.ts';

/**
 * Many signed-in members quickly: users, memberships and sessions written straight through the
 * schema (no password hashing), for tests that need hundreds of people.
 */
export async function quickMembers(
  app: LeewayApp,
  orgId: string,
  teamId: string,
  n: number,
): Promise<Person[]> {
  if (n === 0) return [];
  const now = app.clock.now();
  const joinedAt = new Date(now.getTime() - 60_000);
  const users = await app.db
    .insert(schema.users)
    .values(
      Array.from({ length: n }, (_, i) => ({
        orgId,
        email: uniqueEmail(`m${i}`),
        name: `Member ${i}`,
        role: 'member' as const,
        createdAt: joinedAt,
      })),
    )
    .returning();
  await app.db
    .insert(schema.memberships)
    .values(users.map((u) => ({ orgId, userId: u.id, teamId, joinedAt })));
  const expiresAt = new Date(now.getTime() + 30 * 24 * 3600 * 1000);
  const sessions = await app.db
    .insert(schema.sessions)
    .values(users.map((u) => ({ orgId, userId: u.id, authVersion: 0, createdAt: now, expiresAt })))
    .returning();
  const iat = Math.floor(now.getTime() / 1000);
  return sessions.map((s, i) => ({
    id: s.userId,
    email: users[i]!.email,
    api: client(
      app,
      app.jwt.sign({ sub: s.userId, sid: s.id, org: orgId, iat, exp: iat + 30 * 24 * 3600 }),
    ),
  }));
}
