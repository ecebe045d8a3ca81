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

  it('an existing lead is made the lead of a second team, and it is in the audit log', async () => {
    const org = await signUpOrg(t.app);
    const a = await createTeam(org.admin);
    const b = await createTeam(org.admin);
    const lead = await addPerson(t.app, org.admin, 'lead', a.id);
    const res = await org.admin.patch(`/api/people/${lead.id}`, { leads: [a.id, b.id] });
    expect(res.status).toBe(200);
    expect([...res.body.leads].sort()).toEqual([a.id, b.id].sort());
    // The lead sees the new team at once, without signing in again.
    expect((await lead.api.get(`/api/teams/${b.id}/members`)).status).toBe(200);
    const me = (await lead.api.get('/api/me')).body;
    expect(me.leads.map((l: { id: string }) => l.id).sort()).toEqual([a.id, b.id].sort());

    const dropped = await org.admin.patch(`/api/people/${lead.id}`, { leads: [b.id] });
    expect(dropped.body.leads).toEqual([b.id]);
    expectProblem(await lead.api.get(`/api/teams/${a.id}/members`), 403);

    const events = (await org.admin.get('/api/audit')).body.events as {
      action: string;
      team: { id: string } | null;
      subject: { id: string } | null;
      actor: { id: string } | null;
    }[];
    // Newest first: the two changes above, after those of the invitation.
    const mine = events.filter((e) => e.subject?.id === lead.id && e.actor?.id === org.adminId);
    expect(mine.slice(0, 3).map((e) => [e.action, e.team?.id])).toEqual([
      ['lead.removed', a.id],
      ['lead.assigned', b.id],
      ['lead.assigned', a.id],
    ]);
  });

  it('refuses, with the rule, leads that break one, and changes nothing', async () => {
    const org = await signUpOrg(t.app);
    const a = await createTeam(org.admin);
    const b = await createTeam(org.admin);
    const member = await addPerson(t.app, org.admin, 'member', a.id);
    const notLead = expectProblem(
      await org.admin.patch(`/api/people/${member.id}`, { leads: [b.id] }),
      409,
    );
    expect(notLead.detail).toMatch(/Only a lead leads teams/);
    // Made a lead of the team they are a member of: refused whole, the role stays.
    const own = expectProblem(
      await org.admin.patch(`/api/people/${member.id}`, { role: 'lead', leads: [a.id] }),
      409,
    );
    expect(own.detail).toMatch(/never a member of a team they lead/);
    const after = (await org.admin.get('/api/people')).body.people.find(
      (p: { id: string }) => p.id === member.id,
    );
    expect(after).toMatchObject({ role: 'member', teamId: a.id, leads: [] });
    // In one request: made a lead of B, staying a member of A.
    const both = await org.admin.patch(`/api/people/${member.id}`, { role: 'lead', leads: [b.id] });
    expect(both.body).toMatchObject({ role: 'lead', teamId: a.id, leads: [b.id] });
    // Moving them into the team they lead is refused too.
    expectProblem(await org.admin.patch(`/api/people/${member.id}`, { teamId: b.id }), 409);
    const other = await signUpOrg(t.app);
    const foreign = await createTeam(other.admin);
    expectProblem(await org.admin.patch(`/api/people/${member.id}`, { leads: [foreign.id] }), 404);
  });

  it('deactivates and reactivates through PATCH; the history stays and sign-in works again', async () => {
    const org = await signUpOrg(t.app);
    const team = await createTeam(org.admin);
    const member = await addPerson(t.app, org.admin, 'member', team.id);
    const off = await org.admin.patch(`/api/people/${member.id}`, { active: false });
    expect(off.body).toMatchObject({ active: false, teamId: null });
    expectProblem(await member.api.get('/api/me'), 401);
    const refused = expectProblem(
      await org.admin.patch(`/api/people/${member.id}`, { teamId: team.id }),
      409,
    );
    expect(refused.detail).toMatch(/Reactivate them first/);
    const on = await org.admin.patch(`/api/people/${member.id}`, {
      active: true,
      teamId: team.id,
    });
    expect(on.body).toMatchObject({ active: true, teamId: team.id });
    const login = await client(t.app).post('/api/auth/login', {
      email: member.email,
      password: PASSWORD,
    });
    expect(login.status).toBe(200);
    const actions = (await org.admin.get('/api/audit')).body.events
      .filter((e: { subject: { id: string } | null }) => e.subject?.id === member.id)
      .map((e: { action: string }) => e.action);
    expect(actions.slice(0, 4)).toEqual([
      'membership.joined',
      'person.reactivated',
      'membership.left',
      'person.deactivated',
    ]);
    expectProblem(await org.admin.patch(`/api/people/${org.adminId}`, { active: false }), 409);
  });
});
