import { addWeeks, weekBounds } from '@leeway/domain/weeks';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeam, signUpOrg } from './helpers/api.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { quickMembers } from './helpers/world.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const at = (week: string) => new Date(weekBounds(week, 'UTC').opensAt.getTime() + 2.5 * 86_400_000);

describe('CSV export as people read it', () => {
  it('rounds figures to one decimal, gives participation in percent, names the period', async () => {
    const week = '2026-W40';
    t.clock.set(at(week));
    const org = await signUpOrg(t.app);
    const team = await createTeam(org.admin);
    const members = await quickMembers(t.app, org.orgId, team.id, 7);
    // Six of seven answer, with answers whose mean has no short decimal form.
    for (const [i, m] of members.slice(0, 6).entries()) {
      const { pulseId } = (await m.api.get('/api/pulse')).body;
      const v = 1 + (i % 5);
      await m.api.post('/api/pulse/responses', {
        pulseId,
        answers: { energy: v, autonomy: 3, voice: 4, growth: 2, trust: 5, enps: 7 + (i % 4) },
      });
    }
    t.clock.set(at(addWeeks(week, 1)));
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/org/export.csv?from=${week}&to=${week}`,
      headers: { authorization: `Bearer ${org.admin.token}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="leeway-${week}-to-${week}.csv"`,
    );
    const [row] = parse(res.body, { columns: true, bom: true }) as Record<string, string>[];
    expect(row?.participation_percent).toBe('85.7');
    expect(row).not.toHaveProperty('participation');
    for (const column of ['engagement_mean', 'engagement_sd', 'enps', 'energy', 'trust']) {
      expect(row?.[column], column).toMatch(/^-?\d+(\.\d)?$/);
    }
  });
});
