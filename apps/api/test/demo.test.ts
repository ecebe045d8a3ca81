import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo, seedDemoIfEmpty } from '../src/demo/seed.ts';
import { client, sessionToken } from './helpers/api.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({}, '2026-11-25T10:00:00.000Z');
  await seedDemo(t.app);
}, 120_000);
afterAll(() => t.close());

async function signIn(email: string) {
  const res = await client(t.app).post('/api/auth/login', { email, password: DEMO_PASSWORD });
  expect(res.status).toBe(200);
  return client(t.app, sessionToken(res.headers));
}

describe('demo organisation', () => {
  it('has its six teams, about fifty people and the three sign-ins', async () => {
    const hr = await signIn('hr@example.com');
    const me = (await hr.get('/api/me')).body;
    expect(me.org.name).toBe('Northwind Labs');
    const teams = (await hr.get('/api/teams')).body.teams;
    expect(teams.map((x: { name: string }) => x.name).sort()).toEqual([
      'Customer Success',
      'Data',
      'Design',
      'Legal',
      'Mobile',
      'Platform',
    ]);
    const people = teams.reduce(
      (s: number, x: { memberCount: number; leads: unknown[] }) =>
        s + x.memberCount + x.leads.length,
      1,
    );
    expect(people).toBeGreaterThanOrEqual(45);
    expect(people).toBeLessThanOrEqual(60);
    const lead = await signIn('lead@example.com');
    expect((await lead.get('/api/me')).body.leads.map((x: { name: string }) => x.name)).toEqual([
      'Platform',
    ]);
    const member = await signIn('member@example.com');
    expect((await member.get('/api/me')).body.memberOf.name).toBe('Platform');
    expect((await member.get('/api/pulse')).body.answered).toBe(false);
  });

  it('has 16 weeks of history that varies, and a small team that is always suppressed', async () => {
    const hr = await signIn('hr@example.com');
    const teams = (await hr.get('/api/teams')).body.teams;
    const byName = Object.fromEntries(
      teams.map((x: { name: string; id: string }) => [x.name, x.id]),
    );
    const platform = (
      await hr.get(`/api/teams/${byName.Platform}/trends?from=2026-W32&to=2026-W47`)
    ).body.weeks;
    expect(platform).toHaveLength(16);
    expect(
      platform.filter((w: { suppressed: boolean }) => !w.suppressed).length,
    ).toBeGreaterThanOrEqual(14);
    const means = platform.filter((w: any) => w.engagement).map((w: any) => w.engagement.mean);
    expect(Math.max(...means) - Math.min(...means)).toBeGreaterThan(5);
    const legal = (await hr.get(`/api/teams/${byName.Legal}/trends?from=2026-W32&to=2026-W48`)).body
      .weeks;
    // Closed weeks only: W48 is in progress.
    expect(legal.at(-1).week).toBe('2026-W47');
    expect(
      legal.every(
        (w: { suppressed: boolean; reason: string; respondents: null }) =>
          w.suppressed && w.reason === 'fewer_than_k' && w.respondents === null,
      ),
    ).toBe(true);
    const comments = (
      await hr.get(`/api/teams/${byName['Customer Success']}/comments?week=2026-W46`)
    ).body;
    expect(comments.suppressed).toBe(false);
    expect(comments.comments.length).toBeGreaterThan(0);
  });

  it('has ten experiments in every state of the experiment page', async () => {
    const hr = await signIn('hr@example.com');
    const teams = (await hr.get('/api/teams')).body.teams;
    const all = [];
    for (const team of teams) {
      for (const e of (await hr.get(`/api/teams/${team.id}/experiments`)).body.experiments) {
        all.push({
          ...e,
          team: team.name,
          impact: (await hr.get(`/api/experiments/${e.id}/impact`)).body,
        });
      }
    }
    expect(all).toHaveLength(10);
    expect(all.filter((e) => e.status === 'running')).toHaveLength(1);
    const verdicts = all
      .filter((e) => e.status === 'completed' && !e.impact.suppressed)
      .map((e) => e.impact.effect.verdict);
    expect(verdicts).toContain('improved');
    expect(verdicts).toContain('declined');
    expect(verdicts).toContain('inconclusive');
    expect(all.find((e) => e.team === 'Legal').impact.suppressed).toBe(true);
    expect(all.some((e) => e.decision === 'adopt')).toBe(true);
  });

  it('is loaded only into an empty database', async () => {
    expect(await seedDemoIfEmpty(t.app, { ...t.config, seedDemo: true })).toBeNull();
  });

  it('shows a realistic outbox history: weekly messages, an invitation waiting, one that bounced', async () => {
    const hr = await signIn('hr@example.com');
    const { messages } = (await hr.get('/api/outbox?limit=500')).body;
    const kinds = new Set(messages.map((m: { kind: string }) => m.kind));
    for (const kind of ['invitation', 'pulse_open', 'results_ready', 'digest']) {
      expect(kinds.has(kind)).toBe(true);
    }
    expect(kinds.has('pulse_reminder')).toBe(false);
    expect(messages.every((m: { status: string }) => ['kept', 'failed'].includes(m.status))).toBe(
      true,
    );
    const bounced = messages.find((m: { status: string }) => m.status === 'failed');
    expect(bounced.lastError).toMatch(/^550/);
    const weeks = new Set(
      messages
        .filter((m: { kind: string }) => m.kind === 'pulse_open')
        .map((m: { subject: string }) => /\((\d{4}-W\d{2})\)/.exec(m.subject)?.[1]),
    );
    expect(weeks.size).toBeGreaterThanOrEqual(3);
  });
});
