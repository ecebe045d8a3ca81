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

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const DAY = 24 * 60 * 60 * 1000;

describe('invitations', () => {
  it('yields a token and a copyable URL; accepting sets a password and signs in', async () => {
    const org = await signUpOrg(t.app);
    const team = await createTeam(org.admin);
    const email = uniqueEmail('new');
    const inv = await org.admin.post('/api/invitations', {
      email,
      name: 'Nia New',
      role: 'member',
      teamId: team.id,
    });
    expect(inv.status).toBe(201);
    expect(inv.body).toMatchObject({ email, role: 'member', teamId: team.id });
    expect(inv.body.url).toBe(
      `http://localhost:80/accept?token=${encodeURIComponent(inv.body.token)}`,
    );
    expect(new Date(inv.body.expiresAt).getTime()).toBe(t.clock.now().getTime() + 7 * DAY);

    const preview = await client(t.app).get(
      `/api/invitations/preview?token=${encodeURIComponent(inv.body.token)}`,
    );
    expect(preview.body).toMatchObject({
      email,
      name: 'Nia New',
      role: 'member',
      teamName: team.name,
    });

    const accepted = await client(t.app).post('/api/invitations/accept', {
      token: inv.body.token,
      password: PASSWORD,
    });
    expect(accepted.status).toBe(201);
    expect(accepted.body.user).toMatchObject({ email, role: 'member' });
    const me = await client(t.app, sessionToken(accepted.headers)).get('/api/me');
    expect(me.body.memberOf.id).toBe(team.id);
    expect(me.body.org.id).toBe(org.orgId);
    // and the password works from now on
    expect(
      (await client(t.app).post('/api/auth/login', { email, password: PASSWORD })).status,
    ).toBe(200);
    const list = await org.admin.get('/api/invitations');
    expect(list.body.invitations.find((i: { email: string }) => i.email === email).status).toBe(
      'accepted',
    );
    expect(list.raw).not.toContain(inv.body.token);
  });

  it('works once', async () => {
    const org = await signUpOrg(t.app);
    const inv = await org.admin.post('/api/invitations', {
      email: uniqueEmail(),
      name: 'Once',
      role: 'admin',
    });
    const accept = () =>
      client(t.app).post('/api/invitations/accept', { token: inv.body.token, password: PASSWORD });
    const results = await Promise.all([accept(), accept(), accept()]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 410, 410]);
    expectProblem(await accept(), 410);
  });

  it('expires', async () => {
    const org = await signUpOrg(t.app);
    const team = await createTeam(org.admin);
    const inv = await org.admin.post('/api/invitations', {
      email: uniqueEmail(),
      name: 'Late',
      role: 'member',
      teamId: team.id,
    });
    t.clock.advance(7 * DAY + 1);
    try {
      const res = expectProblem(
        await client(t.app).post('/api/invitations/accept', {
          token: inv.body.token,
          password: PASSWORD,
        }),
        410,
      );
      expect(res.detail).toMatch(/expired/);
      expectProblem(
        await client(t.app).get(`/api/invitations/preview?token=${inv.body.token}`),
        410,
      );
    } finally {
      t.clock.advance(-(7 * DAY + 1));
    }
  });

  it('refuses unknown tokens and e-mails that already have an account', async () => {
    const org = await signUpOrg(t.app);
    expectProblem(
      await client(t.app).post('/api/invitations/accept', { token: 'nope', password: PASSWORD }),
      404,
    );
    expectProblem(
      await org.admin.post('/api/invitations', {
        email: org.adminEmail,
        name: 'Me',
        role: 'admin',
      }),
      409,
    );
  });

  it('lets a lead invite members to their own team only', async () => {
    const org = await signUpOrg(t.app);
    const mine = await createTeam(org.admin);
    const theirs = await createTeam(org.admin);
    const lead = await addPerson(t.app, org.admin, 'lead', mine.id);
    const member = await addPerson(t.app, lead.api, 'member', mine.id);
    expect((await member.api.get('/api/me')).body.memberOf.id).toBe(mine.id);
    expectProblem(
      await lead.api.post('/api/invitations', {
        email: uniqueEmail(),
        name: 'X',
        role: 'member',
        teamId: theirs.id,
      }),
      403,
    );
    expectProblem(
      await lead.api.post('/api/invitations', {
        email: uniqueEmail(),
        name: 'X',
        role: 'lead',
        teamId: mine.id,
      }),
      403,
    );
    expectProblem(
      await lead.api.post('/api/invitations', { email: uniqueEmail(), name: 'X', role: 'admin' }),
      403,
    );
    expectProblem(
      await member.api.post('/api/invitations', {
        email: uniqueEmail(),
        name: 'X',
        role: 'member',
        teamId: mine.id,
      }),
      403,
    );
    const other = await signUpOrg(t.app);
    const foreign = await createTeam(other.admin);
    expectProblem(
      await org.admin.post('/api/invitations', {
        email: uniqueEmail(),
        name: 'X',
        role: 'member',
        teamId: foreign.id,
      }),
      404,
    );
  });

  it('requires a team for members and leads', async () => {
    const org = await signUpOrg(t.app);
    const res = expectProblem(
      await org.admin.post('/api/invitations', { email: uniqueEmail(), name: 'X', role: 'member' }),
      400,
    );
    expect(res.errors?.[0]?.field).toBe('teamId');
  });
});

describe('CSV import', () => {
  it('creates the good rows and refuses the bad ones, saying why', async () => {
    const org = await signUpOrg(t.app);
    const team = await createTeam(org.admin, 'Data Science');
    const taken = await addPerson(t.app, org.admin, 'member', team.id);
    const good1 = uniqueEmail('good');
    const good2 = uniqueEmail('good');
    const csv = [
      'email,name,role,team',
      `${good1},Grace Good,member,Data Science`,
      `${good2},"Lead, Larry",lead,data science`,
      'not-an-email,Bad Mail,member,Data Science',
      `${uniqueEmail()},No Team,member,`,
      `${uniqueEmail()},Ghost Team,member,Nowhere`,
      `${uniqueEmail()},Bad Role,boss,Data Science`,
      `${taken.email},Taken,member,Data Science`,
      `${good1},Twice,member,Data Science`,
      `${uniqueEmail()},,member,Data Science`,
      `${uniqueEmail('adm')},Admin Ann,admin,`,
    ].join('\n');
    const res = await org.admin.post('/api/invitations/import', { csv });
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(3);
    expect(res.body.refused).toBe(7);
    const byLine = Object.fromEntries(res.body.rows.map((r: { line: number }) => [r.line, r]));
    expect(byLine[2]).toMatchObject({ status: 'created', email: good1 });
    expect(byLine[3]).toMatchObject({ status: 'created', email: good2 });
    expect(byLine[3].invitation.name).toBe('Lead, Larry');
    expect(byLine[4].reason).toMatch(/email/);
    expect(byLine[5].reason).toMatch(/team/);
    expect(byLine[6].reason).toMatch(/Nowhere/);
    expect(byLine[7].reason).toMatch(/role/);
    expect(byLine[8].reason).toMatch(/already has an account/);
    expect(byLine[9].reason).toMatch(/more than once/);
    expect(byLine[10].reason).toMatch(/name/);
    expect(byLine[11]).toMatchObject({ status: 'created' });
    // created invitations really work
    const accepted = await client(t.app).post('/api/invitations/accept', {
      token: byLine[3].invitation.token,
      password: PASSWORD,
    });
    expect(accepted.status).toBe(201);
    const me = await client(t.app, sessionToken(accepted.headers)).get('/api/me');
    expect(me.body.leads.map((x: { id: string }) => x.id)).toEqual([team.id]);
  });

  it('refuses a file without the header, and only admins may import', async () => {
    const org = await signUpOrg(t.app);
    const res = expectProblem(
      await org.admin.post('/api/invitations/import', { csv: 'a@b.c,Name,member,Team' }),
      400,
    );
    expect(res.errors?.[0]?.field).toBe('csv');
    const team = await createTeam(org.admin);
    const lead = await addPerson(t.app, org.admin, 'lead', team.id);
    expectProblem(
      await lead.api.post('/api/invitations/import', { csv: 'email,name,role,team' }),
      403,
    );
  });
});
