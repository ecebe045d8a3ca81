import { weekOf } from '@leeway/domain/weeks';
import type { LeewayApp } from '../../src/app.ts';

/** Orgs made by signUpOrg use UTC. */
const currentWeekOf = (app: LeewayApp) => weekOf(app.clock.now(), 'UTC');

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
  /** One experiment and one idea in each of A1, A2 and B1. */
  experiments: { own: string; otherTeam: string; otherOrg: string };
  ideas: { own: string; otherTeam: string; otherOrg: string };
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
  const experiment = async (admin: Org['admin'], teamId: string) => {
    const res = await admin.post(`/api/teams/${teamId}/experiments`, {
      type: 'custom',
      title: unique('Experiment'),
      hypothesis: 'It helps.',
      notMeasured: true,
      startWeek: currentWeekOf(app),
    });
    if (res.status !== 201) throw new Error(`experiment failed: ${res.status} ${res.raw}`);
    return res.body.id as string;
  };
  const idea = async (admin: Org['admin'], teamId: string) => {
    const res = await admin.post(`/api/teams/${teamId}/ideas`, {
      type: 'custom',
      text: unique('Idea'),
    });
    if (res.status !== 201) throw new Error(`idea failed: ${res.status} ${res.raw}`);
    return res.body.id as string;
  };
  return {
    a,
    b,
    a1,
    a2,
    b1,
    lead,
    member,
    leadA2,
    memberA2,
    experiments: {
      own: await experiment(a.admin, a1.id),
      otherTeam: await experiment(a.admin, a2.id),
      otherOrg: await experiment(b.admin, b1.id),
    },
    ideas: {
      own: await idea(a.admin, a1.id),
      otherTeam: await idea(a.admin, a2.id),
      otherOrg: await idea(b.admin, b1.id),
    },
  };
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
  const expiresAt = new Date(now.getTime() + 365 * 24 * 3600 * 1000);
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
      app.jwt.sign({ sub: s.userId, sid: s.id, org: orgId, iat, exp: iat + 365 * 24 * 3600 }),
    ),
  }));
}
