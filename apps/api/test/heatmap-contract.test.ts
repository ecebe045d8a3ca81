import { HEATMAP_METRICS, Heatmap } from '@leeway/contracts';
import { addWeeks, weekBounds } from '@leeway/domain/weeks';
import { FormatRegistry } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeam, signUpOrg } from './helpers/api.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { quickMembers } from './helpers/world.ts';

/**
 * The heatmap is written as JSON text by hand (org/service.ts `heatmapJson`), so Fastify's
 * serialiser never sees it: here the body actually served is checked against the contract.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  if (!FormatRegistry.Has('date-time')) {
    FormatRegistry.Set('date-time', (v) => !Number.isNaN(Date.parse(v)) && v.includes('T'));
  }
});
afterAll(() => t.close());

const WEEK = '2026-W48';
const at = (week: string) => new Date(weekBounds(week, 'UTC').opensAt.getTime() + 2.5 * 86_400_000);

/** Every problem with `body` as the schema sees it, and any field the schema does not name. */
function contractProblems(body: unknown): string[] {
  const problems = [...Value.Errors(Heatmap, body)].map((e) => `${e.path}: ${e.message}`);
  if (problems.length === 0 && !Value.Equal(Value.Clean(Heatmap, Value.Clone(body)), body)) {
    problems.push('fields the contract does not name');
  }
  return problems;
}

describe('heatmap body', () => {
  it('matches the Heatmap contract in every metric, for an org with hidden cells', async () => {
    t.clock.set(at(WEEK));
    const org = await signUpOrg(t.app);
    // Sizes and answers: A under k (fewer_than_k), C hidden to protect A (protecting), E empty.
    const sizes = [3, 8, 6, 12, 0];
    const answering = [3, 7, 6, 10, 0];
    for (const [i, size] of sizes.entries()) {
      const team = await createTeam(org.admin, `Team ${String.fromCharCode(65 + i)}`);
      const members = await quickMembers(t.app, org.orgId, team.id, size);
      for (const m of members.slice(0, answering[i])) {
        const { pulseId } = (await m.api.get('/api/pulse')).body;
        const v = 2 + (i % 4);
        const answers = { energy: v, autonomy: v, voice: v, growth: v, trust: v, enps: 2 * v };
        expect((await m.api.post('/api/pulse/responses', { pulseId, answers })).status).toBe(201);
      }
    }
    t.clock.set(at(addWeeks(WEEK, 1)));

    for (const metric of HEATMAP_METRICS) {
      const res = await org.admin.get(
        `/api/org/heatmap?from=${addWeeks(WEEK, -1)}&to=${WEEK}&metric=${metric}`,
      );
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(contractProblems(res.body), metric).toEqual([]);
      const reasons = new Set(
        (res.body as Heatmap).teams.flatMap((team) => team.cells.map((c) => c.reason)),
      );
      expect(reasons).toEqual(new Set([null, 'fewer_than_k', 'protecting', 'no_data']));
    }
  });

  it('finds a body that breaks the contract (the check can fail)', () => {
    const broken = {
      metric: 'engagement',
      k: 5,
      current: { week: '2026-W50', closesAt: '2026-12-14T00:00:00.000Z' },
      weeks: ['2026-W48'],
      teams: [
        {
          teamId: 't1',
          name: 'A',
          cells: [
            { week: '2026-W48', value: null, respondents: 2, suppressed: true, reason: 'few' },
          ],
        },
      ],
    };
    expect(contractProblems(broken)).not.toEqual([]);
    const extra = structuredClone(broken);
    extra.teams[0]!.cells[0]!.reason = 'fewer_than_k';
    expect(contractProblems(extra)).toEqual([]);
    (extra.teams[0] as Record<string, unknown>).members = 3;
    expect(contractProblems(extra)).toEqual(['fields the contract does not name']);
  });
});
