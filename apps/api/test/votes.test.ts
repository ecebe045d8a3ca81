import { addWeeks, weekBounds } from '@leeway/domain/weeks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPerson, createTeam, expectProblem, signIn, signUpOrg } from './helpers/api.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { quickMembers } from './helpers/world.ts';

// Issue 14: members vote adopt / adapt / abandon on an ended experiment. Votes are figures about
// people: nothing while voting is open, the counts only from k distinct voters once it closed.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const NOW = '2026-W48';
const at = (week: string) => new Date(weekBounds(week, 'UTC').opensAt.getTime() + 2.5 * 86_400_000);

async function endedExperiment(members: number) {
  t.clock.set(at(NOW));
  const org = await signUpOrg(t.app);
  const team = await createTeam(org.admin);
  const people = await quickMembers(t.app, org.orgId, team.id, members);
  const outsider = await addPerson(t.app, org.admin, 'member', (await createTeam(org.admin)).id);
  const res = await org.admin.post(`/api/teams/${team.id}/experiments`, {
    type: 'self_set_deadlines',
    title: 'We set our own deadlines',
    hypothesis: 'Setting our own deadlines lifts autonomy.',
    startWeek: NOW,
    notMeasured: true,
  });
  expect(res.status).toBe(201);
  return { org, team, people, outsider, id: res.body.id as string };
}

describe('members vote on an ended experiment', () => {
  it('opens the week after its last week, once per person, and shows counts only from k voters after it closed', async () => {
    const { org, people, outsider, id } = await endedExperiment(6);
    const url = `/api/experiments/${id}/votes`;
    // Running: no voting, nothing shown.
    expectProblem(await people[0]!.api.post(url, { choice: 'adopt' }), 409);
    expect((await people[0]!.api.get(url)).body).toMatchObject({
      open: false,
      shown: false,
      reason: 'not_ended',
      counts: null,
    });

    t.clock.set(at(addWeeks(NOW, 1)));
    const choices = ['adopt', 'adopt', 'adapt', 'adopt', 'abandon'] as const;
    for (const [i, choice] of choices.entries()) {
      expect((await people[i]!.api.post(url, { choice })).status).toBe(201);
    }
    // Once only, members of the team only, valid choices only.
    expectProblem(await people[0]!.api.post(url, { choice: 'abandon' }), 409);
    expectProblem(await people[5]!.api.post(url, { choice: 'maybe' }), 400);
    expectProblem(await outsider.api.post(url, { choice: 'adopt' }), 403);
    // While voting is open nothing is shown: one more vote would show what that person chose.
    const during = (await (await signIn(t.app, org.adminEmail)).get(url)).body;
    expect(during).toMatchObject({ open: true, shown: false, reason: 'voting', voters: null });
    expect((await people[0]!.api.get(url)).body).toMatchObject({ votedByMe: true, canVote: false });
    expect((await people[5]!.api.get(url)).body).toMatchObject({ votedByMe: false, canVote: true });

    t.clock.set(at(addWeeks(NOW, 2)));
    expectProblem(await people[5]!.api.post(url, { choice: 'adopt' }), 409);
    const after = (await (await signIn(t.app, org.adminEmail)).get(url)).body;
    expect(after).toMatchObject({
      shown: true,
      voters: 5,
      counts: { adopt: 3, adapt: 1, abandon: 1 },
    });
  });

  it('shows nothing when fewer than k people voted', async () => {
    const { org, people, id } = await endedExperiment(6);
    t.clock.set(at(addWeeks(NOW, 1)));
    for (const p of people.slice(0, 4)) {
      expect((await p.api.post(`/api/experiments/${id}/votes`, { choice: 'adopt' })).status).toBe(
        201,
      );
    }
    t.clock.set(at(addWeeks(NOW, 2)));
    const res = (await (await signIn(t.app, org.adminEmail)).get(`/api/experiments/${id}/votes`))
      .body;
    expect(res).toMatchObject({ shown: false, reason: 'fewer_than_k', voters: null, counts: null });
  });
});
