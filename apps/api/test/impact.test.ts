import { addWeeks, weekBounds } from '@leeway/domain/weeks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPACT_DATASETS } from './fixtures/impact-datasets.ts';
import { client, createTeam, PASSWORD, sessionToken, signUpOrg } from './helpers/api.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { quickMembers } from './helpers/world.ts';

/**
 * Replays fixed data sets through the API (real submissions, week by week on a moving clock)
 * and compares the impact endpoint with SciPy's figures from impact_reference.py, to 1e-9.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({}, '2026-01-07T12:00:00.000Z');
});
afterAll(() => t.close());

const START = '2026-W10';
const at = (week: string) => new Date(weekBounds(week, 'UTC').opensAt.getTime() + 2.5 * 86_400_000);
const close = (actual: number, expected: number, what: string) => {
  const tolerance = Math.abs(expected) < 1e-6 ? Math.max(1e-15, Math.abs(expected) * 1e-9) : 1e-9;
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
    tolerance,
  );
};

describe.each(IMPACT_DATASETS.map((d) => [d.name, d] as const))(
  'impact of data set "%s"',
  (_name, data) => {
    it('matches the independent computation to 1e-9', async () => {
      const first = addWeeks(START, -data.baselineWeeks);
      t.clock.set(at(first));
      const org = await signUpOrg(t.app);
      await org.admin.patch('/api/org/settings', { minGroupSize: 3 });
      const treated = await createTeam(org.admin);
      const treatedMembers = await quickMembers(t.app, org.orgId, treated.id, data.teamSize);
      const comparison = [];
      for (const c of data.data.comparison) {
        const team = await createTeam(org.admin);
        comparison.push({
          members: await quickMembers(t.app, org.orgId, team.id, c.size),
          weeks: c.weeks,
        });
      }
      const created = await org.admin.post(`/api/teams/${treated.id}/experiments`, {
        type: 'decision_rights',
        title: data.name,
        hypothesis: 'Owning decisions lifts engagement.',
        notMeasured: true,
        startWeek: START,
        durationWeeks: data.durationWeeks,
        baselineWeeks: data.baselineWeeks,
      });
      expect(created.status).toBe(201);

      for (let offset = -data.baselineWeeks; offset < data.durationWeeks; offset++) {
        t.clock.set(at(addWeeks(START, offset)));
        const key = String(offset) as keyof typeof data.data.treated;
        const groups = [
          { members: treatedMembers, answers: data.data.treated[key] },
          ...comparison.map((c) => ({
            members: c.members,
            answers: c.weeks[key as keyof typeof c.weeks],
          })),
        ];
        for (const group of groups) {
          for (const [i, answers] of (group.answers as unknown as object[]).entries()) {
            const member = group.members[i]!;
            const { pulseId } = (await member.api.get('/api/pulse')).body;
            const res = await member.api.post('/api/pulse/responses', { pulseId, answers });
            expect(res.status).toBe(201);
          }
        }
      }

      t.clock.set(at(addWeeks(START, data.durationWeeks)));
      const login = await client(t.app).post('/api/auth/login', {
        email: org.adminEmail,
        password: PASSWORD,
      });
      const admin = client(t.app, sessionToken(login.headers));
      const impact = (await admin.get(`/api/experiments/${created.body.id}/impact`)).body;
      const e = data.expected;
      expect(impact).toMatchObject({ status: 'completed', partial: false, suppressed: false });
      expect(impact.before.weeks).toHaveLength(data.baselineWeeks);
      expect(impact.after.weeks).toHaveLength(data.durationWeeks);
      expect(impact.before.n).toBe(e.before.n);
      expect(impact.after.n).toBe(e.after.n);
      close(impact.before.mean, e.before.mean, 'before.mean');
      close(impact.before.sd, e.before.sd, 'before.sd');
      close(impact.after.mean, e.after.mean, 'after.mean');
      close(impact.after.sd, e.after.sd, 'after.sd');
      close(impact.effect.diff, e.effect.diff, 'diff');
      close(impact.effect.ci95[0], e.effect.lo, 'ci95 lo');
      close(impact.effect.ci95[1], e.effect.hi, 'ci95 hi');
      close(impact.effect.p, e.effect.p, 'p');
      close(impact.effect.hedgesG, e.effect.hedgesG, 'hedgesG');
      close(impact.effect.mde, e.effect.mde, 'mde');
      const verdict = e.effect.lo > 0 ? 'improved' : e.effect.hi < 0 ? 'declined' : 'inconclusive';
      expect(impact.effect.verdict).toBe(verdict);
      expect(impact.did.comparisonTeams).toBe(data.data.comparison.length);
      close(impact.did.diff, e.did.diff, 'did.diff');
      close(impact.did.ci95[0], e.did.lo, 'did lo');
      close(impact.did.ci95[1], e.did.hi, 'did hi');
      close(impact.did.p, e.did.p, 'did.p');
      close(impact.enps.before, e.enps.before, 'enps.before');
      close(impact.enps.after, e.enps.after, 'enps.after');
      for (const item of ['energy', 'autonomy', 'voice', 'growth', 'trust'] as const) {
        close(impact.items[item].diff, e.items[item], `items.${item}`);
      }
    });
  },
);
