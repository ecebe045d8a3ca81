import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPerson, createTeam, expectProblem, signUpOrg, uniqueEmail } from './helpers/api.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

interface Event {
  id: string;
  at: string;
  action: string;
  actor: { id: string; name: string } | null;
  subject: { id: string; name: string } | null;
  team: { id: string; name: string } | null;
  detail: Record<string, unknown>;
}

const MINUTE = 60_000;

describe('audit log', () => {
  it('records who joined, moved, left, changed role, led and changed settings, newest first', async () => {
    const org = await signUpOrg(t.app);
    const other = await signUpOrg(t.app);
    const a = await createTeam(org.admin);
    const b = await createTeam(org.admin);
    const start = t.clock.now();
    try {
      const lead = await addPerson(t.app, org.admin, 'lead', a.id);
      t.clock.advance(MINUTE);
      // a lead's invitee joins with the lead as the one who brought them in
      const member = await addPerson(t.app, lead.api, 'member', a.id);
      t.clock.advance(MINUTE);
      expect((await org.admin.patch(`/api/people/${member.id}`, { teamId: b.id })).status).toBe(
        200,
      );
      t.clock.advance(MINUTE);
      expect((await org.admin.patch(`/api/people/${lead.id}`, { role: 'member' })).status).toBe(
        200,
      );
      t.clock.advance(MINUTE);
      expect(
        (await org.admin.patch('/api/org/settings', { minGroupSize: 7, baselineWeeks: 2 })).status,
      ).toBe(200);
      t.clock.advance(MINUTE);
      expect((await org.admin.delete(`/api/people/${member.id}`)).status).toBe(204);
      await org.admin.patch(`/api/teams/${b.id}`, { name: `${b.name} renamed` });

      const res = await org.admin.get('/api/audit');
      expect(res.status).toBe(200);
      const events: Event[] = res.body.events;
      const times = events.map((e) => e.at);
      expect(times).toEqual([...times].sort().reverse());
      const find = (action: string, subject?: string) =>
        events.find((e) => e.action === action && (!subject || e.subject?.id === subject));

      const admin = { id: org.adminId, name: 'Ada Admin' };
      expect(find('org.created', org.adminId)).toMatchObject({ actor: admin, detail: {} });
      expect(find('lead.assigned', lead.id)).toMatchObject({
        actor: admin,
        team: { id: a.id, name: a.name },
      });
      expect(find('person.joined', member.id)).toMatchObject({
        actor: { id: lead.id },
        detail: { role: 'member' },
      });
      const joined = find('membership.joined', member.id)!;
      expect(joined).toMatchObject({ actor: { id: lead.id }, team: { id: a.id } });
      expect(joined.at).toBe(new Date(start.getTime() + MINUTE).toISOString());
      expect(find('membership.moved', member.id)).toMatchObject({
        actor: admin,
        team: { id: b.id },
        detail: { fromTeamId: a.id },
      });
      expect(find('role.changed', lead.id)).toMatchObject({
        actor: admin,
        detail: { from: 'lead', to: 'member' },
      });
      expect(find('lead.removed', lead.id)).toMatchObject({ actor: admin, team: { id: a.id } });
      // only the fields that changed, old → new
      expect(find('settings.changed')).toMatchObject({
        actor: admin,
        subject: null,
        team: null,
        detail: { minGroupSize: { from: 5, to: 7 } },
      });
      expect(find('settings.changed')!.detail).not.toHaveProperty('baselineWeeks');
      expect(find('person.deactivated', member.id)).toMatchObject({ actor: admin });
      expect(find('team.renamed')).toMatchObject({
        team: { id: b.id, name: `${b.name} renamed` },
        detail: { from: b.name, to: `${b.name} renamed` },
      });
      expect(events.filter((e) => e.action === 'team.created').map((e) => e.team?.id)).toEqual([
        b.id,
        a.id,
      ]);
      expect(find('membership.left', member.id)).toMatchObject({
        team: { id: b.id },
        detail: { reason: 'deactivated' },
      });
      expect(events[0]!.at).toBe(new Date(start.getTime() + 5 * MINUTE).toISOString());

      // limit, and nothing of another org
      const limited = await org.admin.get('/api/audit?limit=2');
      expect(limited.body.events.map((e: Event) => e.id)).toEqual(
        events.slice(0, 2).map((e) => e.id),
      );
      expectProblem(await org.admin.get('/api/audit?limit=0'), 400);
      expectProblem(await org.admin.get('/api/audit?limit=501'), 400);
      expect((await org.admin.get('/api/audit?limit=500')).status).toBe(200);
      const theirs = (await other.admin.get('/api/audit')).body.events as Event[];
      expect(theirs.map((e) => e.action)).toEqual(['org.created']);
    } finally {
      t.clock.set(start);
    }
  });

  it('is for admins only', async () => {
    const org = await signUpOrg(t.app);
    const team = await createTeam(org.admin);
    const lead = await addPerson(t.app, org.admin, 'lead', team.id);
    const member = await addPerson(t.app, org.admin, 'member', team.id);
    expectProblem(await lead.api.get('/api/audit'), 403);
    expectProblem(await member.api.get('/api/audit'), 403);
  });

  it('is written with the change: a refused change leaves no event', async () => {
    const org = await signUpOrg(t.app);
    const team = await createTeam(org.admin);
    const lead = await addPerson(t.app, org.admin, 'lead', team.id);
    const before = (await org.admin.get('/api/audit')).body.events.length;
    // the role change is made, then the move is refused: the whole change is rolled back
    expectProblem(
      await org.admin.patch(`/api/people/${lead.id}`, { role: 'admin', teamId: 'no-such-team' }),
      404,
    );
    const people = (await org.admin.get('/api/people')).body.people;
    expect(people.find((p: { id: string }) => p.id === lead.id).role).toBe('lead');
    expectProblem(
      await org.admin.post('/api/invitations', {
        email: lead.email,
        name: 'Again',
        role: 'member',
        teamId: team.id,
      }),
      409,
    );
    expect((await org.admin.get('/api/audit')).body.events).toHaveLength(before);
    // an invitation alone changes no membership
    await org.admin.post('/api/invitations', {
      email: uniqueEmail(),
      name: 'Pending',
      role: 'member',
      teamId: team.id,
    });
    expect((await org.admin.get('/api/audit')).body.events).toHaveLength(before);
  });
});
