import { EXPERIMENT_TYPES } from '@leeway/domain/vocabulary';
import { addWeeks, weekBounds } from '@leeway/domain/weeks';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addPerson,
  client,
  createTeam,
  expectProblem,
  PASSWORD,
  sessionToken,
  signIn,
  signUpOrg,
  unique,
} from './helpers/api.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { quickMembers } from './helpers/world.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const NOW = '2026-W48';
const at = (week: string) => new Date(weekBounds(week, 'UTC').opensAt.getTime() + 2.5 * 86_400_000);
const answers = (v: number, enps = 8) => ({
  energy: v,
  autonomy: v,
  voice: v,
  growth: v,
  trust: v,
  enps,
});

async function orgWithTeams(sizes: number[], answering: number[]) {
  t.clock.set(at(NOW));
  const org = await signUpOrg(t.app);
  const teams = [];
  for (const [i, size] of sizes.entries()) {
    const team = await createTeam(org.admin, `Team ${String.fromCharCode(65 + i)}`);
    const members = await quickMembers(t.app, org.orgId, team.id, size);
    for (const m of members.slice(0, answering[i])) {
      const { pulseId } = (await m.api.get('/api/pulse')).body;
      expect(
        (await m.api.post('/api/pulse/responses', { pulseId, answers: answers(3 + (i % 3)) }))
          .status,
      ).toBe(201);
    }
    teams.push({ ...team, members });
  }
  return { org, teams };
}

describe('org trends and heatmap', () => {
  it('hides one more team when the small ones hold 1..k−1 respondents, so the org figure reveals nothing', async () => {
    const { org, teams } = await orgWithTeams([3, 8, 6, 12], [3, 7, 6, 10]);
    t.clock.set(at(addWeeks(NOW, 1)));
    const trends = (await org.admin.get(`/api/org/trends?from=${NOW}&to=${NOW}`)).body;
    expect(trends.weeks[0]).toMatchObject({ respondents: 26, members: 29, suppressed: false });
    const map = (await org.admin.get(`/api/org/heatmap?from=${NOW}&to=${NOW}&metric=engagement`))
      .body;
    expect(map.metric).toBe('engagement');
    const cell = (name: string) =>
      map.teams.find((x: { name: string }) => x.name === name).cells[0];
    expect(cell('Team A')).toEqual({
      week: NOW,
      suppressed: true,
      reason: 'fewer_than_k',
      value: null,
      respondents: null,
    });
    // Team C (6) is the smallest team at or above k: hidden too, so A cannot be computed by difference.
    expect(cell('Team C')).toMatchObject({
      suppressed: true,
      reason: 'protecting',
      value: null,
      respondents: null,
    });
    expect(cell('Team B').suppressed).toBe(false);
    expect(cell('Team D').suppressed).toBe(false);
    // team trends agree with the heatmap
    const c = (await org.admin.get(`/api/teams/${teams[2]!.id}/trends?from=${NOW}&to=${NOW}`)).body
      .weeks[0];
    expect(c).toMatchObject({
      suppressed: true,
      reason: 'protecting',
      engagement: null,
      respondents: null,
      participation: null,
    });
    const participation = (
      await org.admin.get(`/api/org/heatmap?from=${NOW}&to=${NOW}&metric=participation`)
    ).body;
    const rate = (name: string) =>
      participation.teams.find((x: { name: string }) => x.name === name).cells[0];
    // A hidden team's participation would tell how many answered: hidden with it.
    expect(rate('Team A')).toMatchObject({ value: null, suppressed: true });
    expect(rate('Team B')).toMatchObject({ value: 7 / 8, suppressed: false });
  });

  it('hides the org figure when no team is left to hide', async () => {
    const { org } = await orgWithTeams([3, 2], [3, 1]);
    t.clock.set(at(addWeeks(NOW, 1)));
    const trends = (await org.admin.get(`/api/org/trends?from=${NOW}&to=${NOW}`)).body;
    expect(trends.weeks[0]).toMatchObject({
      respondents: null,
      suppressed: true,
      reason: 'fewer_than_k',
      engagement: null,
    });
  });

  it('counts the experiments running each week', async () => {
    const { org, teams } = await orgWithTeams([5, 5], [0, 0]);
    await org.admin.post(`/api/teams/${teams[0]!.id}/experiments`, {
      type: 'custom',
      title: 'X',
      hypothesis: 'Y',
      notMeasured: true,
      startWeek: NOW,
      durationWeeks: 2,
    });
    await org.admin.post(`/api/teams/${teams[1]!.id}/experiments`, {
      type: 'custom',
      title: 'X',
      hypothesis: 'Y',
      notMeasured: true,
      startWeek: addWeeks(NOW, 1),
    });
    t.clock.set(at(addWeeks(NOW, 3)));
    const admin = await signIn(t.app, org.adminEmail);
    const trends = (await admin.get(`/api/org/trends?from=${NOW}&to=${addWeeks(NOW, 2)}`)).body;
    expect(trends.weeks.map((w: { experiments: number }) => w.experiments)).toEqual([1, 2, 0]);
  });

  it('never reopens a closed week: a late answer is refused and the figures stay as published', async () => {
    const { org, teams } = await orgWithTeams([6], [5]);
    const [from, to] = [NOW, addWeeks(NOW, 1)];
    const read = async () => {
      // Sessions are signed for the clock's time: sign in again after moving it.
      const admin = await signIn(t.app, org.adminEmail);
      const heat = (await admin.get(`/api/org/heatmap?from=${from}&to=${to}&metric=energy`)).body;
      const trend = (await admin.get(`/api/org/trends?from=${from}&to=${to}`)).body;
      return { cells: heat.teams[0].cells, weeks: trend.weeks };
    };
    t.clock.set(at(addWeeks(NOW, 2)));
    const first = await read();
    expect(first.cells.map((c: { respondents: number | null }) => c.respondents)).toEqual([
      5,
      null,
    ]);
    expect(first.weeks[1]).toMatchObject({ respondents: null, members: 6, suppressed: true });
    expect(await read()).toEqual(first);

    // With the clock set back into the closed week, nobody can answer it any more.
    t.clock.set(at(to));
    const [leaver, ...stay] = teams[0]!.members;
    for (const m of stay) {
      const { pulseId } = (await m.api.get('/api/pulse')).body;
      expectProblem(
        await m.api.post('/api/pulse/responses', { pulseId, answers: answers(4) }),
        409,
      );
    }
    // A membership change now does not change what the closed week published.
    const admin = await signIn(t.app, org.adminEmail);
    expect((await admin.delete(`/api/people/${leaver!.id}`)).status).toBe(204);
    t.clock.set(at(addWeeks(NOW, 2)));
    expect(await read()).toEqual(first);
  });

  it('is for admins only', async () => {
    const { org, teams } = await orgWithTeams([1], [0]);
    const lead = await addPerson(t.app, org.admin, 'lead', teams[0]!.id);
    for (const path of [
      '/api/org/trends',
      '/api/org/heatmap',
      '/api/org/experiment-types',
      '/api/org/export.csv',
    ]) {
      expectProblem(await lead.api.get(path), 403);
      expectProblem(await teams[0]!.members[0]!.api.get(path), 403);
    }
    expectProblem(await org.admin.get('/api/org/heatmap?metric=happiness'), 400);
  });
});

describe('CSV export', () => {
  const DANGEROUS = ['=', '+', '-', '@', '\t', '\r'];

  it('neutralises formula injection in every text cell and round-trips through a CSV parser', async () => {
    t.clock.set(at(NOW));
    const org = await signUpOrg(t.app);
    const names = DANGEROUS.map((c) => `${c}HYPERLINK("http://evil.example","x") ${unique('t')}`);
    names.push('Plain, "quoted" team');
    const ids: string[] = [];
    for (const name of names) {
      const team = await createTeam(org.admin, name);
      ids.push(team.id);
      const members = await quickMembers(t.app, org.orgId, team.id, 5);
      for (const [i, m] of members.entries()) {
        const { pulseId } = (await m.api.get('/api/pulse')).body;
        await m.api.post('/api/pulse/responses', {
          pulseId,
          answers: answers(1 + i, i),
          comment: `=cmd|' /C calc'!A0 ${i}`,
        });
      }
    }
    t.clock.set(at(addWeeks(NOW, 1)));
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/org/export.csv?from=${addWeeks(NOW, -1)}&to=${NOW}`,
      headers: { authorization: `Bearer ${org.admin.token}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/attachment/);
    expect(res.body).not.toContain('calc'); // comments are never exported
    const rows: Record<string, string>[] = parse(res.body, { columns: true, bom: true });
    expect(rows).toHaveLength(names.length * 2);
    for (const row of rows) {
      for (const value of Object.values(row)) {
        if (/^-?\d+(\.\d+)?(e-?\d+)?$/i.test(value)) continue; // a number is not a formula
        expect(
          DANGEROUS.some((c) => value.startsWith(c)),
          JSON.stringify(value),
        ).toBe(false);
      }
    }
    const heat = (await org.admin.get(`/api/org/heatmap?from=${addWeeks(NOW, -1)}&to=${NOW}`)).body;
    for (const [i, name] of names.entries()) {
      const stored = name.trim(); // team names are trimmed, so tab and CR lead no stored name
      const expectedName = DANGEROUS.some((c) => stored.startsWith(c)) ? `'${stored}` : stored;
      const mine = rows.filter((r) => r.team === expectedName);
      expect(mine.map((r) => r.week)).toEqual([addWeeks(NOW, -1), NOW]);
      const now = mine[1]!;
      const cell = heat.teams.find((x: { teamId: string }) => x.teamId === ids[i]).cells[1];
      expect(now.suppressed).toBe(String(cell.suppressed));
      expect(Number(now.respondents)).toBe(5);
      expect(Number(now.engagement_mean)).toBe(cell.value);
      expect(Number(now.enps)).toBe(-100 + 0); // answers 0..4 are all detractors
      expect(mine[0]!.engagement_mean).toBe('');
      expect(mine[0]!.suppressed).toBe('true');
    }
  });
});

describe('experiment types', () => {
  it('lists every type, pooling completed unsuppressed experiments', async () => {
    t.clock.set(at(addWeeks(NOW, -2)));
    const org = await signUpOrg(t.app);
    const teams = [];
    for (let i = 0; i < 2; i++) {
      const team = await createTeam(org.admin);
      teams.push({ team, members: await quickMembers(t.app, org.orgId, team.id, 6) });
      await org.admin.post(`/api/teams/${team.id}/experiments`, {
        type: 'flexible_schedule',
        title: 'Flex',
        hypothesis: 'H',
        notMeasured: true,
        startWeek: addWeeks(NOW, -1),
        baselineWeeks: 1,
      });
    }
    for (const [offset, base] of [
      [-2, 2],
      [-1, 4],
    ] as const) {
      t.clock.set(at(addWeeks(NOW, offset)));
      for (const [ti, { members }] of teams.entries()) {
        for (const [i, m] of members.entries()) {
          const { pulseId } = (await m.api.get('/api/pulse')).body;
          await m.api.post('/api/pulse/responses', {
            pulseId,
            answers: answers(Math.min(5, base + ((i + ti) % 2))),
          });
        }
      }
    }
    t.clock.set(at(NOW));
    const login = await client(t.app).post('/api/auth/login', {
      email: org.adminEmail,
      password: PASSWORD,
    });
    const res = (await client(t.app, sessionToken(login.headers)).get('/api/org/experiment-types'))
      .body;
    expect(res.types.map((x: { type: string }) => x.type)).toEqual([...EXPERIMENT_TYPES]);
    const flex = res.types.find((x: { type: string }) => x.type === 'flexible_schedule');
    expect(flex.experiments).toBe(2);
    expect(flex.pooled.diff).toBeGreaterThan(40);
    // Two experiments that agree exactly: the HKSJ interval has no width, and no prediction
    // interval before three experiments.
    expect(flex.pooled.ci95[0]).toBeLessThanOrEqual(flex.pooled.diff);
    expect(flex.pooled.pi95).toBeNull();
    expect(res.types.find((x: { type: string }) => x.type === 'custom')).toMatchObject({
      experiments: 0,
      pooled: null,
    });
  });
});
