import { designMde } from '@leeway/domain/design';
import { addWeeks, weekBounds } from '@leeway/domain/weeks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPerson, createTeam, expectProblem, signIn, signUpOrg } from './helpers/api.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { quickMembers } from './helpers/world.ts';

// Issue 14: the power preflight, the primary outcome, "what works here" and its panel, the
// drivers of eNPS and the recommendation — every figure from published, closed team-weeks.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const NOW = '2026-W48';
const at = (week: string) => new Date(weekBounds(week, 'UTC').opensAt.getTime() + 2.5 * 86_400_000);
const likert = (v: number, enps = 8) => ({
  energy: v,
  autonomy: v,
  voice: v,
  growth: v,
  trust: v,
  enps,
});
type Member = Awaited<ReturnType<typeof quickMembers>>[number];

async function answerAll(members: Member[], answersOf: (i: number) => ReturnType<typeof likert>) {
  for (const [i, m] of members.entries()) {
    const { pulseId } = (await m.api.get('/api/pulse')).body;
    const res = await m.api.post('/api/pulse/responses', { pulseId, answers: answersOf(i) });
    expect(res.status).toBe(201);
  }
}

const experiment = (startWeek: string, extra: Record<string, unknown> = {}) => ({
  type: 'planning_voice',
  title: 'The team drafts the plan',
  hypothesis: 'Drafting the plan ourselves lifts voice.',
  startWeek,
  ...extra,
});

describe('power preflight', () => {
  it('refuses a team below k with the reason, and launches it only as "not measured"', async () => {
    t.clock.set(at(NOW));
    const org = await signUpOrg(t.app);
    const team = await createTeam(org.admin);
    await quickMembers(t.app, org.orgId, team.id, 3);
    const pre = await org.admin.post(`/api/teams/${team.id}/experiments/preflight`, {
      durationWeeks: 2,
      baselineWeeks: 2,
    });
    expect(pre.status).toBe(200);
    expect(pre.body).toMatchObject({ measurable: false, mde: null });
    expect(pre.body.reason).toContain('3 members');

    const refused = await org.admin.post(`/api/teams/${team.id}/experiments`, experiment(NOW));
    expectProblem(refused, 409);
    expect(refused.body.detail).toContain('not measured');
    expect((await org.admin.get(`/api/teams/${team.id}/experiments`)).body.experiments).toEqual([]);

    const launched = await org.admin.post(
      `/api/teams/${team.id}/experiments`,
      experiment(NOW, { notMeasured: true }),
    );
    expect(launched.status).toBe(201);
    expect(launched.body).toMatchObject({ measured: false, primaryOutcome: 'engagement' });
  });

  it('answers bad input with 400 and other roles with 403', async () => {
    t.clock.set(at(NOW));
    const org = await signUpOrg(t.app);
    const team = await createTeam(org.admin);
    const member = await addPerson(t.app, org.admin, 'member', team.id);
    const url = `/api/teams/${team.id}/experiments/preflight`;
    expectProblem(await org.admin.post(url, { durationWeeks: 5, baselineWeeks: 2 }), 400);
    expectProblem(await org.admin.post(url, { durationWeeks: 1 }), 400);
    expectProblem(
      await org.admin.post(url, { durationWeeks: 1, baselineWeeks: 1, primaryOutcome: 'mood' }),
      400,
    );
    expectProblem(await member.api.post(url, { durationWeeks: 1, baselineWeeks: 1 }), 403);
  });

  it('states its defaults for a new team, and shows what a longer run buys', async () => {
    t.clock.set(at(NOW));
    const org = await signUpOrg(t.app);
    const team = await createTeam(org.admin);
    await quickMembers(t.app, org.orgId, team.id, 8);
    const pre = (
      await org.admin.post(`/api/teams/${team.id}/experiments/preflight`, {
        durationWeeks: 1,
        baselineWeeks: 2,
      })
    ).body;
    expect(pre.measurable).toBe(true);
    expect(pre.assumptions).toMatchObject({ source: 'default', respondentsPerWeek: 6, sd: 15 });
    const option = (d: number, b: number) =>
      pre.options.find(
        (o: { durationWeeks: number; baselineWeeks: number }) =>
          o.durationWeeks === d && o.baselineWeeks === b,
      ).mde;
    expect(option(1, 2)).toBe(pre.mde);
    expect(option(4, 2)).toBeLessThan(option(2, 2));
    expect(option(2, 2)).toBeLessThan(option(1, 2));
  });

  it('equals the MDE the impact page reports for the same design when the spread is as assumed', async () => {
    t.clock.set(at(addWeeks(NOW, -2)));
    const org = await signUpOrg(t.app);
    const team = await createTeam(org.admin);
    const members = await quickMembers(t.app, org.orgId, team.id, 6);
    const spread = [1, 2, 3, 4, 2, 3];
    for (const offset of [-2, -1]) {
      t.clock.set(at(addWeeks(NOW, offset)));
      await answerAll(members, (i) => likert(spread[i]!));
    }
    t.clock.set(at(NOW));
    const preRes = await (await signIn(t.app, org.adminEmail)).post(
      `/api/teams/${team.id}/experiments/preflight`,
      {
        durationWeeks: 2,
        baselineWeeks: 2,
      },
    );
    const pre = preRes.body;
    expect(pre.assumptions).toMatchObject({
      source: 'team',
      respondentsPerWeek: 6,
      publishedWeeks: 2,
    });
    const launched = await (await signIn(t.app, org.adminEmail)).post(
      `/api/teams/${team.id}/experiments`,
      experiment(NOW, { durationWeeks: 2, baselineWeeks: 2 }),
    );
    expect(launched.status).toBe(201);
    // The same spread one point higher: the after window's variance equals the baseline's.
    for (const offset of [0, 1]) {
      t.clock.set(at(addWeeks(NOW, offset)));
      await answerAll(members, (i) => likert(spread[i]! + 1));
    }
    t.clock.set(at(addWeeks(NOW, 1)));
    const running = (
      await (await signIn(t.app, org.adminEmail)).get(`/api/experiments/${launched.body.id}/impact`)
    ).body;
    expect(running.reading.tooEarly).toBe(true);

    t.clock.set(at(addWeeks(NOW, 2)));
    const impact = (
      await (await signIn(t.app, org.adminEmail)).get(`/api/experiments/${launched.body.id}/impact`)
    ).body;
    expect(impact.reading.tooEarly).toBe(false);
    expect(Math.abs(impact.effect.mde - pre.mde)).toBeLessThan(1e-9);
    expect(pre.mde).toBeCloseTo(
      designMde({
        respondentsPerWeek: 6,
        sd: pre.assumptions.sd,
        baselineWeeks: 2,
        durationWeeks: 2,
      })!,
      12,
    );
    // The primary outcome first, every other outcome exploratory with a Holm-adjusted p.
    const outcomes = impact.reading.outcomes;
    expect(outcomes[0]).toMatchObject({ outcome: 'engagement', primary: true });
    expect(outcomes[0].diff).toBeCloseTo(impact.effect.diff, 9);
    expect(outcomes.slice(1).map((o: { outcome: string }) => o.outcome)).toEqual([
      'energy',
      'autonomy',
      'voice',
      'growth',
      'trust',
    ]);
    for (const o of outcomes.slice(1)) {
      expect(o.diff).toBeCloseTo(25, 9);
      expect(o.pAdjusted).toBeGreaterThanOrEqual(o.p);
    }
  });
});

describe('what works here', () => {
  it('shows one experiment as exactly its own diff and Welch CI, and the panel beside it', async () => {
    t.clock.set(at(addWeeks(NOW, -3)));
    const org = await signUpOrg(t.app);
    const teams = [];
    for (let i = 0; i < 3; i++) {
      const team = await createTeam(org.admin);
      teams.push({ team, members: await quickMembers(t.app, org.orgId, team.id, 6) });
    }
    const [treated, other] = teams;
    const launched = await (await signIn(t.app, org.adminEmail)).post(
      `/api/teams/${treated!.team.id}/experiments`,
      experiment(addWeeks(NOW, -1), { baselineWeeks: 2, primaryOutcome: 'voice' }),
    );
    expect(launched.status).toBe(201);
    const second = await (await signIn(t.app, org.adminEmail)).post(
      `/api/teams/${other!.team.id}/experiments`,
      experiment(addWeeks(NOW, -2), { baselineWeeks: 1 }),
    );
    expect(second.status).toBe(201);
    for (const offset of [-3, -2, -1]) {
      t.clock.set(at(addWeeks(NOW, offset)));
      for (const [ti, { members }] of teams.entries()) {
        await answerAll(members, (i) =>
          likert(1 + ((i + ti + offset + 3) % 4) + (ti === 0 && offset === -1 ? 1 : 0) * (i % 2)),
        );
      }
    }
    t.clock.set(at(NOW));
    const impact = (
      await (await signIn(t.app, org.adminEmail)).get(`/api/experiments/${launched.body.id}/impact`)
    ).body;
    expect(impact.suppressed).toBe(false);
    expect(impact.reading.primaryOutcome).toBe('voice');
    expect(impact.reading.outcomes[0]).toMatchObject({ outcome: 'voice', primary: true });
    const types = (await (await signIn(t.app, org.adminEmail)).get('/api/org/experiment-types'))
      .body.types;
    const row = types.find((x: { type: string }) => x.type === 'planning_voice');
    expect(row.experiments).toBe(2);
    const secondImpact = (
      await (await signIn(t.app, org.adminEmail)).get(`/api/experiments/${second.body.id}/impact`)
    ).body;
    expect(secondImpact.suppressed).toBe(false);
    // Two teams ran planning_voice in published weeks: the panel has an estimate.
    expect(row.panel).not.toBeNull();
    expect(row.panel.teams).toBe(2);
    expect(row.panel.ci95[0]).toBeLessThanOrEqual(row.panel.diff);

    // One experiment of a type: the league table repeats its page exactly.
    const solo = await signUpOrg(t.app);
    t.clock.set(at(addWeeks(NOW, -3)));
    const soloTeam = await createTeam(solo.admin);
    const soloMembers = await quickMembers(t.app, solo.orgId, soloTeam.id, 6);
    const soloExp = await (await signIn(t.app, solo.adminEmail)).post(
      `/api/teams/${soloTeam.id}/experiments`,
      experiment(addWeeks(NOW, -1), { type: 'decision_rights', baselineWeeks: 2 }),
    );
    expect(soloExp.status).toBe(201);
    for (const offset of [-3, -2, -1]) {
      t.clock.set(at(addWeeks(NOW, offset)));
      await answerAll(soloMembers, (i) => likert(1 + ((i + offset + 3) % 4)));
    }
    t.clock.set(at(NOW));
    const page = (
      await (await signIn(t.app, solo.adminEmail)).get(`/api/experiments/${soloExp.body.id}/impact`)
    ).body;
    const league = (
      await (await signIn(t.app, solo.adminEmail)).get('/api/org/experiment-types')
    ).body.types.find((x: { type: string }) => x.type === 'decision_rights');
    expect(league.experiments).toBe(1);
    expect(league.pooled.diff).toBe(page.effect.diff);
    expect(league.pooled.ci95).toEqual(page.effect.ci95);
    expect(league.pooled.pi95).toBeNull();
    expect(league.panel).toBeNull();
  });
});

describe('drivers of eNPS', () => {
  it('shows nothing below 20 published team-weeks, then each item with a CI and a reading', async () => {
    t.clock.set(at(addWeeks(NOW, -7)));
    const org = await signUpOrg(t.app);
    const teams = [];
    for (let i = 0; i < 3; i++) {
      const team = await createTeam(org.admin);
      teams.push(await quickMembers(t.app, org.orgId, team.id, 5));
    }
    t.clock.set(at(addWeeks(NOW, -6)));
    const early = (await (await signIn(t.app, org.adminEmail)).get('/api/org/drivers')).body;
    expect(early).toMatchObject({ shown: false, items: [], reading: null });
    for (let offset = -6; offset <= -1; offset++) {
      t.clock.set(at(addWeeks(NOW, offset)));
      for (const [ti, members] of teams.entries()) {
        const level = 1 + ((ti + offset + 7) % 4);
        await answerAll(members, (i) => ({
          ...likert(level),
          trust: Math.min(5, level + (i % 2)),
          enps: Math.min(10, 2 * level + (i % 3)),
        }));
      }
    }
    t.clock.set(at(NOW));
    const drivers = (await (await signIn(t.app, org.adminEmail)).get('/api/org/drivers')).body;
    expect(drivers.teamWeeks).toBe(18);
    expect(drivers.shown).toBe(false);
    for (const members of teams) {
      await answerAll(members, (i) => ({ ...likert(2 + (i % 3)), enps: 3 + 2 * (i % 3) }));
    }
    t.clock.set(at(addWeeks(NOW, 1)));
    const shown = (await (await signIn(t.app, org.adminEmail)).get('/api/org/drivers')).body;
    expect(shown.teamWeeks).toBe(21);
    expect(shown.shown).toBe(true);
    expect(shown.items).toHaveLength(5);
    for (const item of shown.items) {
      expect(item.ci95[0]).toBeLessThanOrEqual(item.estimate);
      expect(item.ci95[1]).toBeGreaterThanOrEqual(item.estimate);
    }
    expect(shown.reading).toMatch(/not proof/);
    const admin = await signIn(t.app, org.adminEmail);
    const lead = await addPerson(t.app, admin, 'lead', (await createTeam(admin)).id);
    expectProblem(await lead.api.get('/api/org/drivers'), 403);
  });
});

describe('recommendations', () => {
  it('offers the starter library when the org has no evidence, aimed at the weakest item', async () => {
    t.clock.set(at(addWeeks(NOW, -1)));
    const org = await signUpOrg(t.app);
    const team = await createTeam(org.admin);
    const lead = await addPerson(t.app, org.admin, 'lead', team.id);
    const members = await quickMembers(t.app, org.orgId, team.id, 5);
    await answerAll(members, () => ({ ...likert(4), voice: 2 }));
    t.clock.set(at(NOW));
    const res = await lead.api.get(`/api/teams/${team.id}/recommendations`);
    expect(res.status).toBe(200);
    expect(res.body.weakestItem).toBe('voice');
    const [first] = res.body.suggestions;
    expect(first).toMatchObject({ type: 'planning_voice', source: 'starter', expected: null });
    expect(first.reason).toContain('voice');
    const member = await addPerson(t.app, org.admin, 'member', team.id);
    expectProblem(await member.api.get(`/api/teams/${team.id}/recommendations`), 403);
  });
});

describe('fidelity item', () => {
  it('is asked only in the experiment weeks, keeps the pulse at seven rated questions, and shows from k answers of a published week', async () => {
    t.clock.set(at(NOW));
    const org = await signUpOrg(t.app);
    const team = await createTeam(org.admin);
    const members = await quickMembers(t.app, org.orgId, team.id, 6);
    const launched = await org.admin.post(
      `/api/teams/${team.id}/experiments`,
      experiment(addWeeks(NOW, 1), { type: 'self_set_deadlines', durationWeeks: 2 }),
    );
    expect(launched.status).toBe(201);

    // Before the experiment: the usual pulse, and a fidelity answer is refused, storing nothing.
    const before = (await members[0]!.api.get('/api/pulse')).body;
    expect(before.questions.map((q: { id: string }) => q.id)).not.toContain('fidelity');
    expectProblem(
      await members[0]!.api.post('/api/pulse/responses', {
        pulseId: before.pulseId,
        answers: likert(3),
        fidelity: 4,
      }),
      400,
    );
    expect((await members[0]!.api.get('/api/pulse')).body.answered).toBe(false);

    t.clock.set(at(addWeeks(NOW, 1)));
    const pulse = (await members[0]!.api.get('/api/pulse')).body;
    const rated = pulse.questions.filter((q: { kind: string }) => q.kind !== 'text');
    expect(rated).toHaveLength(7);
    expect(rated.at(-1)).toMatchObject({
      id: 'fidelity',
      text: 'This week we really set our own deadlines.',
    });
    // Four of six answer the optional item: fewer than k, so it stays hidden.
    for (const [i, m] of members.entries()) {
      const { pulseId } = (await m.api.get('/api/pulse')).body;
      const res = await m.api.post('/api/pulse/responses', {
        pulseId,
        answers: likert(3),
        ...(i < 4 ? { fidelity: 5 } : {}),
      });
      expect(res.status).toBe(201);
    }
    const running = (
      await (await signIn(t.app, org.adminEmail)).get(`/api/experiments/${launched.body.id}/impact`)
    ).body;
    expect(running.reading.fidelity.weeks[0]).toEqual({
      week: addWeeks(NOW, 1),
      mean: null,
      answers: null,
      reason: 'open',
    });
    t.clock.set(at(addWeeks(NOW, 2)));
    const hidden = (
      await (await signIn(t.app, org.adminEmail)).get(`/api/experiments/${launched.body.id}/impact`)
    ).body;
    expect(hidden.reading.fidelity.weeks[0]).toMatchObject({ reason: 'fewer_than_k', mean: null });
    expect(hidden.reading.fidelity.mean).toBeNull();
    // Every member answers it the next week: shown once that week has closed, on 0–100.
    for (const m of members) {
      const { pulseId } = (await m.api.get('/api/pulse')).body;
      const res = await m.api.post('/api/pulse/responses', {
        pulseId,
        answers: likert(3),
        fidelity: 4,
      });
      expect(res.status).toBe(201);
    }
    t.clock.set(at(addWeeks(NOW, 3)));
    const shown = (
      await (await signIn(t.app, org.adminEmail)).get(`/api/experiments/${launched.body.id}/impact`)
    ).body;
    expect(shown.reading.fidelity.weeks[1]).toMatchObject({ mean: 75, answers: 6, reason: null });
    expect(shown.reading.fidelity.mean).toBe(75);
  });
});
