import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addPerson,
  client,
  createTeam,
  expectProblem,
  PASSWORD,
  sessionToken,
  signUpOrg,
  uniqueEmail,
} from './helpers/api.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';

/**
 * A lead who could read their own invitation links could accept them and fill their team with
 * accounts they control. The link goes to the invitee's address (the outbox, until mail is
 * sent); only admins see links, in their own answers and in the outbox.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const linkIn = (text: string) => /https?:\/\/\S+\/accept\?token=\S+/.exec(text)?.[0];

describe('invitation links', () => {
  it('never reach a lead, in the answer or in any list; the invitee gets them by e-mail', async () => {
    const org = await signUpOrg(t.app);
    const team = await createTeam(org.admin);
    const lead = await addPerson(t.app, org.admin, 'lead', team.id);
    const email = uniqueEmail('sock-puppet');

    const created = await lead.api.post('/api/invitations', {
      email,
      name: 'Sock Puppet',
      role: 'member',
      teamId: team.id,
    });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual(['expiresAt', 'id']);
    expect(created.raw).not.toMatch(/token|accept\?/i);

    // nothing the lead can list carries it either
    for (const url of ['/api/invitations', `/api/teams/${team.id}/members`, '/api/me']) {
      const res = await lead.api.get(url);
      expect(res.status, url).toBe(200);
      expect(res.raw, url).not.toMatch(/token|accept\?/i);
    }
    expectProblem(await lead.api.get('/api/outbox'), 403);

    // the admin reads the message that carries the link, and the link works
    const outbox = await org.admin.get('/api/outbox');
    expect(outbox.status).toBe(200);
    const message = outbox.body.messages.find((m: { to: string }) => m.to === email);
    expect(message).toMatchObject({
      kind: 'invitation',
      toName: 'Sock Puppet',
      status: 'kept',
      createdAt: t.clock.now().toISOString(),
    });
    expect(message.subject).toMatch(/invited you/);
    const link = linkIn(message.body);
    expect(link).toBeDefined();
    const token = decodeURIComponent(new URL(link!).searchParams.get('token')!);
    const accepted = await client(t.app).post('/api/invitations/accept', {
      token,
      password: PASSWORD,
    });
    expect(accepted.status).toBe(201);
    const me = await client(t.app, sessionToken(accepted.headers)).get('/api/me');
    expect(me.body.memberOf.id).toBe(team.id);
  });

  it("still gives an admin the token and url, the same link as the outbox's", async () => {
    const org = await signUpOrg(t.app);
    const team = await createTeam(org.admin);
    const email = uniqueEmail('new');
    const created = await org.admin.post('/api/invitations', {
      email,
      name: 'Nia New',
      role: 'member',
      teamId: team.id,
    });
    expect(created.status).toBe(201);
    expect(created.body.url).toBe(
      `http://localhost:80/accept?token=${encodeURIComponent(created.body.token)}`,
    );
    const outbox = await org.admin.get('/api/outbox');
    const message = outbox.body.messages.find((m: { to: string }) => m.to === email);
    expect(linkIn(message.body)).toBe(created.body.url);
  });

  it('the outbox is for admins of the org only, newest first', async () => {
    const org = await signUpOrg(t.app);
    const other = await signUpOrg(t.app);
    const team = await createTeam(org.admin);
    const member = await addPerson(t.app, org.admin, 'member', team.id);
    const first = uniqueEmail('first');
    const second = uniqueEmail('second');
    for (const email of [first, second]) {
      await org.admin.post('/api/invitations', { email, name: 'X', role: 'admin' });
    }
    const messages = (await org.admin.get('/api/outbox')).body.messages;
    expect(messages.map((m: { to: string }) => m.to).slice(0, 3)).toEqual([
      second,
      first,
      member.email,
    ]);
    expect(
      (await org.admin.get('/api/outbox?limit=1')).body.messages.map((m: { to: string }) => m.to),
    ).toEqual([second]);
    expectProblem(await org.admin.get('/api/outbox?limit=501'), 400);
    expectProblem(await member.api.get('/api/outbox'), 403);
    expect((await other.admin.get('/api/outbox')).body.messages).toEqual([]);
  });
});
