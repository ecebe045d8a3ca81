import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPerson, createTeam, expectProblem, signUpOrg, unique } from './helpers/api.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const WEEK = 7 * 24 * 60 * 60 * 1000;

describe('teams', () => {
  it('lets an admin create and rename teams, refusing duplicate names', async () => {
    const org = await signUpOrg(t.app);
    const team = await createTeam(org.admin, 'Platform');
    expect(team).toMatchObject({ name: 'Platform', memberCount: 0, leads: [] });
    expectProblem(await org.admin.post('/api/teams', { name: 'platform' }), 409);
    const renamed = await org.admin.patch(`/api/teams/${team.id}`, {
      name: 'Platform Engineering',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Platform Engineering');
    const list = await org.admin.get('/api/teams');
    expect(list.body.teams.map((x: { name: string }) => x.name)).toEqual(['Platform Engineering']);
    // the same name in another org is fine
    const other = await signUpOrg(t.app);
    expect((await other.admin.post('/api/teams', { name: 'Platform Engineering' })).status).toBe(
      201,
    );
  });

  it('shows each role only its own teams', async () => {
    const org = await signUpOrg(t.app);
    const a = await createTeam(org.admin, unique('A'));
    const b = await createTeam(org.admin, unique('B'));
    const lead = await addPerson(t.app, org.admin, 'lead', a.id);
    const member = await addPerson(t.app, org.admin, 'member', b.id);
    expect((await org.admin.get('/api/teams')).body.teams).toHaveLength(2);
    expect((await lead.api.get('/api/teams')).body.teams.map((x: { id: string }) => x.id)).toEqual([
      a.id,
    ]);
    expect(
      (await member.api.get('/api/teams')).body.teams.map((x: { id: string }) => x.id),
    ).toEqual([b.id]);
    const me = await member.api.get('/api/me');
    expect(me.body.memberOf).toEqual({ id: b.id, name: b.name });
    expect((await lead.api.get('/api/me')).body.leads).toEqual([{ id: a.id, name: a.name }]);
  });

  it('lists members with the week each joined: addresses for the lead and admins only', async () => {
    const org = await signUpOrg(t.app);
    const team = await createTeam(org.admin);
    const elsewhere = await createTeam(org.admin);
    const lead = await addPerson(t.app, org.admin, 'lead', team.id);
    const m1 = await addPerson(t.app, org.admin, 'member', team.id);
    const start = t.clock.now();
    t.clock.advance(WEEK);
    try {
      const m2 = await addPerson(t.app, lead.api, 'member', team.id);
      const outsider = await addPerson(t.app, org.admin, 'member', elsewhere.id);
      const res = await lead.api.get(`/api/teams/${team.id}/members`);
      expect(res.status).toBe(200);
      expect(res.body.members).toHaveLength(2); // the lead is not counted among members
      expect(res.body.leads).toEqual([
        { id: lead.id, name: expect.any(String), email: lead.email },
      ]);
      const byId = Object.fromEntries(res.body.members.map((m: { id: string }) => [m.id, m]));
      expect(Object.keys(byId[m1.id]).sort()).toEqual([
        'email',
        'id',
        'joinedAt',
        'joinedWeek',
        'name',
        'role',
      ]);
      expect(byId[m1.id]).toMatchObject({ email: m1.email, joinedWeek: '2026-W48' });
      expect(byId[m2.id]).toMatchObject({ email: m2.email, joinedWeek: '2026-W49' });
      expect((await org.admin.get(`/api/teams/${team.id}/members`)).body).toEqual(res.body);

      // a member sees their colleagues and when they joined, never their addresses
      const seen = await m1.api.get(`/api/teams/${team.id}/members`);
      expect(seen.status).toBe(200);
      expect(
        seen.body.members.map((m: { id: string; joinedWeek: string }) => [m.id, m.joinedWeek]),
      ).toEqual(
        res.body.members.map((m: { id: string; joinedWeek: string }) => [m.id, m.joinedWeek]),
      );
      expect(seen.raw).not.toContain('@');
      expect(seen.body.leads).toEqual([{ id: lead.id, name: expect.any(String) }]);
      // another team's member sees nothing of it
      expectProblem(await outsider.api.get(`/api/teams/${team.id}/members`), 403);
    } finally {
      t.clock.set(start);
    }
    const got = await org.admin.get(`/api/teams/${team.id}`);
    expect(got.body).toMatchObject({ memberCount: 2, leads: [{ id: lead.id }] });
  });

  it('answers 404 for another organisation’s team, without revealing anything', async () => {
    const org = await signUpOrg(t.app);
    const other = await signUpOrg(t.app);
    const secret = await createTeam(other.admin, unique('Secret'));
    for (const res of [
      await org.admin.get(`/api/teams/${secret.id}`),
      await org.admin.patch(`/api/teams/${secret.id}`, { name: 'Mine now' }),
      await org.admin.get(`/api/teams/${secret.id}/members`),
    ]) {
      expectProblem(res, 404);
      expect(res.raw).not.toContain(secret.name);
    }
    expect((await other.admin.get(`/api/teams/${secret.id}`)).body.name).toBe(secret.name);
  });
});
