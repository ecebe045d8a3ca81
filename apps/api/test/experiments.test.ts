import { addWeeks, weekBounds } from '@leeway/domain/weeks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPerson, createTeam, expectProblem, signIn, signUpOrg } from './helpers/api.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { quickMembers } from './helpers/world.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const NOW = '2026-W48';
const at = (week: string) => new Date(weekBounds(week, 'UTC').opensAt.getTime() + 2.5 * 86_400_000);
const body = (startWeek: string, extra: Record<string, unknown> = {}) => ({
  type: 'flexible_schedule',
  title: 'Core hours only',
  hypothesis: 'Choosing our own hours lifts energy.',
  startWeek,
  // These teams are smaller than k: the lead launches knowing no result can be shown.
  notMeasured: true,
  ...extra,
});
const answers = (v: number) => ({
  energy: v,
  autonomy: v,
  voice: v,
  growth: v,
  trust: v,
  enps: v * 2,
});

async function setup() {
  t.clock.set(at(NOW));
  const org = await signUpOrg(t.app);
  const team = await createTeam(org.admin);
  const lead = await addPerson(t.app, org.admin, 'lead', team.id);
  const member = await addPerson(t.app, org.admin, 'member', team.id);
  return { org, team, lead, member };
}

describe('experiments', () => {
  it('lets the team lead launch one, defaults durations, and follows the calendar', async () => {
    const { team, lead, member } = await setup();
    const res = await lead.api.post(`/api/teams/${team.id}/experiments`, body(NOW));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      teamId: team.id,
      type: 'flexible_schedule',
      startWeek: NOW,
      endWeek: NOW,
      durationWeeks: 1,
      baselineWeeks: 2,
      status: 'running',
      decision: null,
      learnings: null,
    });
    const later = await lead.api.post(
      `/api/teams/${team.id}/experiments`,
      body(addWeeks(NOW, 2), { durationWeeks: 3, baselineWeeks: 4 }),
    );
    expect(later.body).toMatchObject({
      status: 'planned',
      endWeek: addWeeks(NOW, 4),
      baselineWeeks: 4,
    });
    const list = await member.api.get(`/api/teams/${team.id}/experiments`);
    expect(list.body.experiments.map((e: { id: string }) => e.id)).toEqual([
      later.body.id,
      res.body.id,
    ]);
    expect((await member.api.get(`/api/experiments/${res.body.id}`)).status).toBe(200);
    t.clock.set(at(addWeeks(NOW, 1)));
    expect((await lead.api.get(`/api/experiments/${res.body.id}`)).body.status).toBe('completed');
  });

  it('refuses overlaps with 409 naming the other experiment, and past start weeks with 400', async () => {
    const { team, lead } = await setup();
    await lead.api.post(
      `/api/teams/${team.id}/experiments`,
      body(addWeeks(NOW, 1), { durationWeeks: 2, title: 'Decide together' }),
    );
    const overlap = expectProblem(
      await lead.api.post(`/api/teams/${team.id}/experiments`, body(NOW, { durationWeeks: 2 })),
      409,
    );
    expect(overlap.detail).toContain('Decide together');
    expect(
      (await lead.api.post(`/api/teams/${team.id}/experiments`, body(addWeeks(NOW, 3)))).status,
    ).toBe(201);
    const past = expectProblem(
      await lead.api.post(`/api/teams/${team.id}/experiments`, body(addWeeks(NOW, -1))),
      400,
    );
    expect(past.errors?.[0]?.field).toBe('startWeek');
    expect(
      expectProblem(
        await lead.api.post(`/api/teams/${team.id}/experiments`, body(NOW, { durationWeeks: 5 })),
        400,
      ).errors?.[0]?.field,
    ).toBe('durationWeeks');
    // concurrent launches for the same weeks: exactly one wins
    const racing = await Promise.all(
      Array.from({ length: 5 }, () =>
        lead.api.post(`/api/teams/${team.id}/experiments`, body(addWeeks(NOW, 6))),
      ),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
  });

  it('can be cancelled, which frees its weeks and leaves no impact', async () => {
    const { team, lead } = await setup();
    const planned = await lead.api.post(
      `/api/teams/${team.id}/experiments`,
      body(addWeeks(NOW, 1)),
    );
    const cancelled = await lead.api.patch(`/api/experiments/${planned.body.id}`, {
      status: 'cancelled',
    });
    expect(cancelled.body.status).toBe('cancelled');
    expectProblem(await lead.api.get(`/api/experiments/${planned.body.id}/impact`), 409);
    expectProblem(
      await lead.api.patch(`/api/experiments/${planned.body.id}`, { status: 'cancelled' }),
      409,
    );
    expect(
      (await lead.api.post(`/api/teams/${team.id}/experiments`, body(addWeeks(NOW, 1)))).status,
    ).toBe(201);
  });

  it('lists the weeks taken from now on: a cancelled experiment keeps those up to its cancellation', async () => {
    const { team, lead, member } = await setup();
    const launch = (startWeek: string, extra: Record<string, unknown> = {}) =>
      lead.api.post(`/api/teams/${team.id}/experiments`, body(startWeek, extra));
    const taken = async () =>
      (await member.api.get(`/api/teams/${team.id}/experiments`)).body.takenWeeks;
    const past = await launch(NOW);
    t.clock.set(at(addWeeks(NOW, 1)));
    const running = await launch(addWeeks(NOW, 1), { durationWeeks: 3 });
    const planned = await launch(addWeeks(NOW, 5));
    expect(await taken()).toEqual(
      expect.arrayContaining([
        { experimentId: running.body.id, from: addWeeks(NOW, 1), to: addWeeks(NOW, 3) },
        { experimentId: planned.body.id, from: addWeeks(NOW, 5), to: addWeeks(NOW, 5) },
      ]),
    );
    expect((await taken()).map((w: { experimentId: string }) => w.experimentId)).not.toContain(
      past.body.id,
    );

    await lead.api.patch(`/api/experiments/${running.body.id}`, { status: 'cancelled' });
    await lead.api.patch(`/api/experiments/${planned.body.id}`, { status: 'cancelled' });
    const thisWeek = addWeeks(NOW, 1);
    expect(await taken()).toEqual([
      { experimentId: running.body.id, from: thisWeek, to: thisWeek },
    ]);
    expectProblem(await launch(thisWeek), 409);
    expect((await launch(addWeeks(NOW, 2))).status).toBe(201);
  });

  it('takes a decision and learnings only after completion', async () => {
    const { team, lead } = await setup();
    const exp = await lead.api.post(`/api/teams/${team.id}/experiments`, body(NOW));
    expectProblem(
      await lead.api.patch(`/api/experiments/${exp.body.id}`, { decision: 'adopt' }),
      409,
    );
    t.clock.set(at(addWeeks(NOW, 1)));
    const done = await lead.api.patch(`/api/experiments/${exp.body.id}`, {
      decision: 'adapt',
      learnings: '  Keep core hours 10–15.  ',
    });
    expect(done.body).toMatchObject({
      status: 'completed',
      decision: 'adapt',
      learnings: 'Keep core hours 10–15.',
    });
    expect(
      expectProblem(
        await lead.api.patch(`/api/experiments/${exp.body.id}`, { decision: 'maybe' }),
        400,
      ).errors?.[0]?.field,
    ).toBe('decision');
  });

  it('is written by the team lead and admins only; others get 403, another org 404', async () => {
    const { org, team, lead, member } = await setup();
    const otherTeam = await createTeam(org.admin);
    const otherLead = await addPerson(t.app, org.admin, 'lead', otherTeam.id);
    expectProblem(await member.api.post(`/api/teams/${team.id}/experiments`, body(NOW)), 403);
    expectProblem(await otherLead.api.post(`/api/teams/${team.id}/experiments`, body(NOW)), 403);
    const exp = await org.admin.post(`/api/teams/${team.id}/experiments`, body(NOW));
    expect(exp.status).toBe(201);
    expectProblem(await otherLead.api.get(`/api/experiments/${exp.body.id}`), 403);
    expectProblem(await otherLead.api.get(`/api/experiments/${exp.body.id}/impact`), 403);
    expectProblem(
      await member.api.patch(`/api/experiments/${exp.body.id}`, { status: 'cancelled' }),
      403,
    );
    const stranger = await signUpOrg(t.app);
    for (const res of [
      await stranger.admin.get(`/api/experiments/${exp.body.id}`),
      await stranger.admin.get(`/api/experiments/${exp.body.id}/impact`),
      await stranger.admin.patch(`/api/experiments/${exp.body.id}`, { status: 'cancelled' }),
    ]) {
      expectProblem(res, 404);
      expect(res.raw).not.toContain('Core hours');
    }
    expect((await lead.api.get(`/api/experiments/${exp.body.id}`)).body.status).toBe('running');
  });
});

describe('impact suppression', () => {
  /** A team of `size` where `before[i]`/`after[i]` people answer in each week of the windows. */
  async function run(options: {
    before: number;
    after: number;
    comparison: number[];
    k?: number;
    durationWeeks?: number;
  }) {
    t.clock.set(at(addWeeks(NOW, -1)));
    const org = await signUpOrg(t.app);
    if (options.k) await org.admin.patch('/api/org/settings', { minGroupSize: options.k });
    const team = await createTeam(org.admin);
    const members = await quickMembers(
      t.app,
      org.orgId,
      team.id,
      Math.max(options.before, options.after),
    );
    const others = [];
    for (const size of options.comparison) {
      const c = await createTeam(org.admin);
      others.push(await quickMembers(t.app, org.orgId, c.id, size));
    }
    const exp = await org.admin.post(
      `/api/teams/${team.id}/experiments`,
      body(NOW, { baselineWeeks: 1, durationWeeks: options.durationWeeks ?? 1 }),
    );
    const submit = async (people: typeof members, n: number, v: (i: number) => number) => {
      for (let i = 0; i < n; i++) {
        const { pulseId } = (await people[i]!.api.get('/api/pulse')).body;
        expect(
          (await people[i]!.api.post('/api/pulse/responses', { pulseId, answers: answers(v(i)) }))
            .status,
        ).toBe(201);
      }
    };
    await submit(members, options.before, (i) => 2 + (i % 2));
    for (const o of others) await submit(o, o.length, (i) => 3 + (i % 2));
    t.clock.set(at(NOW));
    await submit(members, options.after, (i) => 3 + (i % 3));
    for (const o of others) await submit(o, o.length, (i) => 3 + (i % 2));
    // The first week after: NOW has closed. Sessions are signed for the clock's time.
    t.clock.set(new Date(at(addWeeks(NOW, 1)).getTime() - 2 * 86_400_000));
    const admin = await signIn(t.app, org.adminEmail);
    return { org: { ...org, admin }, exp: exp.body };
  }

  it('suppresses the whole impact when either window has fewer than k respondents', async () => {
    const cases: [number, number][] = [
      [4, 6],
      [6, 4],
    ];
    for (const [before, after] of cases) {
      const { org, exp } = await run({ before, after, comparison: [6] });
      const impact = (await org.admin.get(`/api/experiments/${exp.id}/impact`)).body;
      expect(impact).toMatchObject({
        status: 'completed',
        suppressed: true,
        partial: false,
        did: null,
        enps: { before: null, after: null },
      });
      // Only published weeks are pooled: the hidden one is named as left out, never counted.
      const windowOf = (n: number, week: string) =>
        n >= 5
          ? { weeks: [week], leftOut: [], n, people: n, mean: null, sd: null }
          : {
              weeks: [],
              leftOut: [{ week, reason: 'fewer_than_k' }],
              n: 0,
              people: 0,
              mean: null,
              sd: null,
            };
      expect(impact.before).toEqual(windowOf(before, addWeeks(NOW, -1)));
      expect(impact.after).toEqual(windowOf(after, NOW));
      expect(Object.values(impact.effect).every((v) => v === null)).toBe(true);
      expect(
        Object.values(impact.items).every((i: any) => i.diff === null && i.before === null),
      ).toBe(true);
    }
  });

  it('computes a running experiment on its weeks so far and says so', async () => {
    const { org, exp } = await run({ before: 5, after: 5, comparison: [5], durationWeeks: 2 });
    const impact = (await org.admin.get(`/api/experiments/${exp.id}/impact`)).body;
    expect(impact).toMatchObject({ status: 'running', partial: true, suppressed: false });
    expect(impact.after).toMatchObject({
      weeks: [NOW],
      leftOut: [{ week: addWeeks(NOW, 1), reason: 'open' }],
      n: 5,
      people: 5,
    });
    expect(impact.effect.diff).toBeTypeOf('number');
    expect(impact.did).not.toBeNull();
    expect(impact.did.comparisonTeams).toBe(1);
  });

  it('leaves out the open week, whatever it holds', async () => {
    t.clock.set(at(addWeeks(NOW, -2)));
    const org = await signUpOrg(t.app);
    const team = await createTeam(org.admin);
    const members = await quickMembers(t.app, org.orgId, team.id, 6);
    const exp = await org.admin.post(
      `/api/teams/${team.id}/experiments`,
      body(addWeeks(NOW, -1), { durationWeeks: 3, baselineWeeks: 1 }),
    );
    for (const [offset, n] of [
      [-2, 6],
      [-1, 6],
      [0, 6],
    ] as const) {
      t.clock.set(at(addWeeks(NOW, offset)));
      for (const m of members.slice(0, n)) {
        const { pulseId } = (await m.api.get('/api/pulse')).body;
        await m.api.post('/api/pulse/responses', {
          pulseId,
          answers: answers(offset === -2 ? 2 : 4),
        });
      }
    }
    const admin = await signIn(t.app, org.adminEmail);
    const impact = (await admin.get(`/api/experiments/${exp.body.id}/impact`)).body;
    expect(impact).toMatchObject({ status: 'running', partial: true, suppressed: false });
    expect(impact.after).toMatchObject({
      weeks: [addWeeks(NOW, -1)],
      leftOut: [{ week: NOW, reason: 'open' }],
      n: 6,
    });
    expect(impact.effect.diff).toBeCloseTo(50, 9);
  });

  it('pools only published weeks, so a week hidden when one member joined or left cannot be subtracted', async () => {
    // Baseline = two weeks: one with 4 answers (hidden), one with 5 (shown). A window pooling both
    // minus the shown week would be the hidden week's 4 answers: the window pools the shown one only.
    for (const change of ['joins', 'leaves'] as const) {
      const first = addWeeks(NOW, -4);
      t.clock.set(at(first));
      const org = await signUpOrg(t.app);
      const team = await createTeam(org.admin);
      const members = await quickMembers(t.app, org.orgId, team.id, change === 'joins' ? 4 : 5);
      const exp = await org.admin.post(
        `/api/teams/${team.id}/experiments`,
        body(addWeeks(NOW, -2), { durationWeeks: 2, baselineWeeks: 2 }),
      );
      expect(exp.status).toBe(201);
      const answerAll = async (v: number) => {
        for (const m of members) {
          const { pulseId } = (await m.api.get('/api/pulse')).body;
          expect(
            (await m.api.post('/api/pulse/responses', { pulseId, answers: answers(v) })).status,
          ).toBe(201);
        }
      };
      await answerAll(2);
      t.clock.set(at(addWeeks(first, 1)));
      if (change === 'joins') {
        members.push(...(await quickMembers(t.app, org.orgId, team.id, 1)));
      } else {
        const admin = await signIn(t.app, org.adminEmail);
        expect((await admin.delete(`/api/people/${members.pop()!.id}`)).status).toBe(204);
      }
      await answerAll(4);
      for (const offset of [-2, -1]) {
        t.clock.set(at(addWeeks(NOW, offset)));
        await answerAll(3);
      }
      t.clock.set(at(NOW));
      const admin = await signIn(t.app, org.adminEmail);
      const weeks = (
        await admin.get(`/api/teams/${team.id}/trends?from=${first}&to=${addWeeks(first, 1)}`)
      ).body.weeks;
      expect(weeks.map((w: { respondents: number | null }) => w.respondents)).toEqual(
        change === 'joins' ? [null, 5] : [5, null],
      );
      const hidden = change === 'joins' ? first : addWeeks(first, 1);
      const shown = change === 'joins' ? addWeeks(first, 1) : first;
      const impact = (await admin.get(`/api/experiments/${exp.body.id}/impact`)).body;
      expect(impact.before).toMatchObject({
        weeks: [shown],
        leftOut: [{ week: hidden, reason: 'fewer_than_k' }],
        n: 5,
      });
      if (change === 'joins') {
        expect(impact).toMatchObject({ status: 'completed', suppressed: false });
        expect(impact.before.mean).toBeCloseTo(75, 9);
      } else {
        // After the leaver, four answer each week: the after window has no published week.
        expect(impact).toMatchObject({ status: 'completed', suppressed: true, did: null });
        expect(impact.after).toMatchObject({ weeks: [], n: 0 });
        expect(Object.values(impact.effect).every((v) => v === null)).toBe(true);
      }
    }
  });

  it('gives no DiD when the comparison group has fewer than k respondents', async () => {
    // Two small teams, hidden, holding five people together: no further team needs hiding, and
    // the comparison group has no published week.
    const { org, exp } = await run({ before: 5, after: 5, comparison: [2, 3] });
    const impact = (await org.admin.get(`/api/experiments/${exp.id}/impact`)).body;
    expect(impact.suppressed).toBe(false);
    expect(impact.did).toBeNull();
  });

  it('leaves teams with their own experiment out of the comparison group', async () => {
    const { org, exp } = await run({ before: 5, after: 5, comparison: [5, 6], durationWeeks: 2 });
    const teams = (await org.admin.get('/api/teams')).body.teams;
    const busy = teams.find((x: { memberCount: number }) => x.memberCount === 6);
    // The design window reaches into next week, where this team now runs an experiment of its own.
    expect(
      (await org.admin.post(`/api/teams/${busy.id}/experiments`, body(addWeeks(NOW, 1)))).status,
    ).toBe(201);
    const impact = (await org.admin.get(`/api/experiments/${exp.id}/impact`)).body;
    expect(impact.did.comparisonTeams).toBe(1);
    expect(impact.did.comparisonBefore).toBe(5);
  });
});

describe('ideas', () => {
  it('are proposed by members, optionally anonymously, voted once per person, and launched by the lead', async () => {
    const { org, team, lead, member } = await setup();
    const second = await addPerson(t.app, org.admin, 'member', team.id);
    const named = await member.api.post(`/api/teams/${team.id}/ideas`, {
      type: 'passion_project',
      text: 'Friday afternoons for side projects',
    });
    expect(named.status).toBe(201);
    expect(named.body.author.id).toBe(member.id);
    const anon = await second.api.post(`/api/teams/${team.id}/ideas`, {
      type: 'planning_voice',
      text: 'We plan the sprint ourselves',
      anonymous: true,
    });
    expect(anon.body.author).toBeNull();
    expect(anon.body.week).toBe(NOW);
    expect(JSON.stringify(await lead.api.get(`/api/teams/${team.id}/ideas`))).not.toContain(
      second.id,
    );

    for (let i = 0; i < 3; i++) await member.api.post(`/api/ideas/${anon.body.id}/vote`);
    await second.api.post(`/api/ideas/${anon.body.id}/vote`);
    const list = (await member.api.get(`/api/teams/${team.id}/ideas`)).body.ideas;
    expect(list[0]).toMatchObject({ id: anon.body.id, votes: 2, votedByMe: true });
    expect((await member.api.delete(`/api/ideas/${anon.body.id}/vote`)).body).toMatchObject({
      votes: 1,
      votedByMe: false,
    });

    const launched = await lead.api.post(`/api/teams/${team.id}/experiments`, {
      ...body(NOW),
      ideaId: anon.body.id,
    });
    expect(launched.body.ideaId).toBe(anon.body.id);
    const after = (await member.api.get(`/api/teams/${team.id}/ideas`)).body.ideas;
    expect(after.find((i: { id: string }) => i.id === anon.body.id).experimentId).toBe(
      launched.body.id,
    );
    expectProblem(
      await lead.api.post(`/api/teams/${team.id}/experiments`, {
        ...body(addWeeks(NOW, 2)),
        ideaId: anon.body.id,
      }),
      409,
    );
    // another team's member can neither see nor vote
    const otherTeam = await createTeam(org.admin);
    const outsider = await addPerson(t.app, org.admin, 'member', otherTeam.id);
    expectProblem(await outsider.api.get(`/api/teams/${team.id}/ideas`), 403);
    expectProblem(await outsider.api.post(`/api/ideas/${named.body.id}/vote`), 403);
  });
});
