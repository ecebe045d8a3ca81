import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  createTeam,
  expectProblem,
  mailedInvitationToken,
  PASSWORD,
  type Response,
  sessionToken,
  signUpOrg,
  uniqueEmail,
} from './helpers/api.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';

/**
 * An address may have an account in several organisations. Nothing anyone does in one org (sign
 * up, invite) answers differently because of an account in another, and each account signs in
 * to its own org with its own password.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** The shape of a JSON value: its keys and the types of their values, not the values. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, shape(v)]),
    );
  }
  return value === null ? 'null' : typeof value;
}
const looksAlike = (a: Response, b: Response) => {
  expect(a.status).toBe(b.status);
  expect(String(a.headers['content-type'])).toBe(String(b.headers['content-type']));
  expect(shape(a.body)).toEqual(shape(b.body));
};

const signUp = (email: string, password: string, orgName = 'Org') =>
  client(t.app).post('/api/auth/signup', { orgName, name: 'Sam Same', email, password });
const logIn = (email: string, password: string) =>
  client(t.app).post('/api/auth/login', { email, password });
const orgOf = async (res: Response) =>
  (await client(t.app, sessionToken(res.headers)).get('/api/me')).body.org.id as string;

describe('one address, accounts in several orgs', () => {
  it('sign-up answers as for a fresh address, and each account keeps its own org and password', async () => {
    const email = uniqueEmail('same');
    const first = await signUp(email, 'first password 1', 'First');
    expect(first.status).toBe(201);

    const again = await signUp(email.toUpperCase(), 'second password 2', 'Second');
    const fresh = await signUp(uniqueEmail('fresh'), 'fresh password 3', 'Fresh');
    looksAlike(again, fresh);
    const firstOrg = await orgOf(first);
    const secondOrg = await orgOf(again);
    expect(secondOrg).not.toBe(firstOrg);

    const one = await logIn(email, 'first password 1');
    expect(one.status).toBe(200);
    expect(await orgOf(one)).toBe(firstOrg);
    const two = await logIn(email, 'second password 2');
    expect(two.status).toBe(200);
    expect(await orgOf(two)).toBe(secondOrg);
    const wrong = expectProblem(await logIn(email, 'neither password'), 401);
    const unknown = expectProblem(await logIn(uniqueEmail(), 'neither password'), 401);
    expect(wrong.detail).toBe(unknown.detail);
  });

  it('inviting an address with an account in another org answers as for an unknown one', async () => {
    const elsewhere = await signUpOrg(t.app);
    const org = await signUpOrg(t.app);
    const team = await createTeam(org.admin);
    const lead = await (async () => {
      const email = uniqueEmail('lead');
      await org.admin.post('/api/invitations', { email, name: 'L', role: 'lead', teamId: team.id });
      const res = await client(t.app).post('/api/invitations/accept', {
        token: await mailedInvitationToken(t.app, email),
        password: PASSWORD,
      });
      return client(t.app, sessionToken(res.headers));
    })();

    for (const inviter of [org.admin, lead]) {
      const taken = await inviter.post('/api/invitations', {
        email: elsewhere.adminEmail,
        name: 'Someone',
        role: 'member',
        teamId: team.id,
      });
      const fresh = await inviter.post('/api/invitations', {
        email: uniqueEmail('fresh'),
        name: 'Someone',
        role: 'member',
        teamId: team.id,
      });
      looksAlike(taken, fresh);
      expect(taken.status).toBe(201);
    }
    // an address that has an account in this org is still refused: the org's own business
    expectProblem(
      await org.admin.post('/api/invitations', {
        email: org.adminEmail,
        name: 'Me',
        role: 'admin',
      }),
      409,
    );

    // the invitee accepts: a new account in the inviting org, with its own password
    const accepted = await client(t.app).post('/api/invitations/accept', {
      token: await mailedInvitationToken(t.app, elsewhere.adminEmail),
      password: 'the new password',
    });
    expect(accepted.status).toBe(201);
    expect(await orgOf(accepted)).toBe(org.orgId);
    const mine = await logIn(elsewhere.adminEmail, 'the new password');
    expect(mine.status).toBe(200);
    expect(await orgOf(mine)).toBe(org.orgId);
    const theirs = await logIn(elsewhere.adminEmail, PASSWORD);
    expect(theirs.status).toBe(200);
    expect(await orgOf(theirs)).toBe(elsewhere.orgId);
  });

  it('signs in to the newest active account when one password opens several', async () => {
    const email = uniqueEmail('twice');
    const older = await signUp(email, PASSWORD, 'Older');
    t.clock.advance(1000);
    try {
      const newer = await signUp(email, PASSWORD, 'Newer');
      expect(await orgOf(await logIn(email, PASSWORD))).toBe(await orgOf(newer));
      // once the newer account is deactivated, the older one is the one that signs in
      const newerAdmin = client(t.app, sessionToken(newer.headers));
      const newerId = (await newerAdmin.get('/api/me')).body.user.id;
      const second = await newerAdmin.post('/api/invitations', {
        email: uniqueEmail('admin'),
        name: 'Second admin',
        role: 'admin',
      });
      const admin2 = await client(t.app).post('/api/invitations/accept', {
        token: second.body.token,
        password: PASSWORD,
      });
      expect(
        (await client(t.app, sessionToken(admin2.headers)).delete(`/api/people/${newerId}`)).status,
      ).toBe(204);
      expect(await orgOf(await logIn(email, PASSWORD))).toBe(await orgOf(older));
    } finally {
      t.clock.advance(-1000);
    }
  });
});
