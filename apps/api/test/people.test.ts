import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addPerson,
  client,
  createTeam,
  expectProblem,
  PASSWORD,
  sessionToken,
  signUpOrg,
} from './helpers/api.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const WEEK = 7 * 24 * 60 * 60 * 1000;
const FIVE_DAYS = 5 * 24 * 60 * 60 * 1000;

describe('people', () => {
  it('a role change takes effect at once: the old session stops working', async () => {
    const org = await signUpOrg(t.app);
    const team = await createTeam(org.admin);
    const lead = await addPerson(t.app, org.admin, 'lead', team.id);
    expect((await lead.api.get(`/api/teams/${team.id}/members`)).status).toBe(200);
    const demoted = await org.admin.patch(`/api/people/${lead.id}`, {
      role: 'member',
      teamId: team.id,
    });
    expect(demoted.body).toMatchObject({ role: 'member', teamId: team.id, leads: [] });
    expectProblem(await lead.api.get(`/api/teams/${team.id}/members`), 401);
    const again = await client(t.app).post('/api/auth/login', {
      email: lead.email,
      password: PASSWORD,
    });
    const me = await client(t.app, sessionToken(again.headers)).get('/api/me');
    expect(me.body.user.role).toBe('member');
    expect(me.body.memberOf.id).toBe(team.id);
  });

  it('deactivation ends every session and refuses sign-in', async () => {
    const org = await signUpOrg(t.app);
    const team = await createTeam(org.admin);
    const member = await addPerson(t.app, org.admin, 'member', team.id);
    expect((await org.admin.delete(`/api/people/${member.id}`)).status).toBe(204);
    expectProblem(await member.api.get('/api/me'), 401);
    expectProblem(
      await client(t.app).post('/api/auth/login', { email: member.email, password: PASSWORD }),
      401,
    );
    expect((await org.admin.get(`/api/teams/${team.id}`)).body.memberCount).toBe(0);
    expectProblem(await org.admin.delete(`/api/people/${org.adminId}`), 409);
  });

  it('moving a member keeps the history: past weeks count them where they were', async () => {
    const org = await signUpOrg(t.app);
    const a = await createTeam(org.admin);
    const b = await createTeam(org.admin);
    const member = await addPerson(t.app, org.admin, 'member', a.id);
    t.clock.advance(WEEK);
    try {
      expect(
        (await org.admin.patch(`/api/people/${member.id}`, { teamId: b.id })).body.teamId,
      ).toBe(b.id);
      // W49 closes on Monday: trends show closed weeks only.
      t.clock.advance(FIVE_DAYS);
      const ta = (await org.admin.get(`/api/teams/${a.id}/trends?from=2026-W48&to=2026-W49`)).body
        .weeks;
      const tb = (await org.admin.get(`/api/teams/${b.id}/trends?from=2026-W48&to=2026-W49`)).body
        .weeks;
      expect(ta.map((w: { members: number }) => w.members)).toEqual([1, 0]);
      expect(tb.map((w: { members: number }) => w.members)).toEqual([0, 1]);
      expect((await member.api.get('/api/pulse')).body.teamId).toBe(b.id);
    } finally {
      t.clock.advance(-WEEK - FIVE_DAYS);
    }
  });

  it('is for admins of the same org only', async () => {
    const org = await signUpOrg(t.app);
    const other = await signUpOrg(t.app);
    const team = await createTeam(org.admin);
    const lead = await addPerson(t.app, org.admin, 'lead', team.id);
    expectProblem(await lead.api.get('/api/people'), 403);
    expectProblem(await lead.api.patch(`/api/people/${lead.id}`, { role: 'admin' }), 403);
    expectProblem(await other.admin.patch(`/api/people/${lead.id}`, { role: 'member' }), 404);
    expectProblem(await other.admin.delete(`/api/people/${lead.id}`), 404);
    const people = (await org.admin.get('/api/people')).body.people;
    expect(people.map((p: { id: string }) => p.id).sort()).toEqual([org.adminId, lead.id].sort());
  });
});
