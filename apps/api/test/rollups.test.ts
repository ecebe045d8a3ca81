import { schema } from '@leeway/db';
import { type Answers, type SufficientStats, sufficientStatsOf } from '@leeway/domain/metrics';
import { asc } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildRollups } from '../src/modules/pulse/repository.ts';
import { createTeam, signUpOrg } from './helpers/api.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { quickMembers } from './helpers/world.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const snapshot = () =>
  t.database.db
    .select()
    .from(schema.teamWeekStats)
    .orderBy(asc(schema.teamWeekStats.teamId), asc(schema.teamWeekStats.week));

const answer = fc.record({
  energy: fc.integer({ min: 1, max: 5 }),
  autonomy: fc.integer({ min: 1, max: 5 }),
  voice: fc.integer({ min: 1, max: 5 }),
  growth: fc.integer({ min: 1, max: 5 }),
  trust: fc.integer({ min: 1, max: 5 }),
  enps: fc.integer({ min: 0, max: 10 }),
});

/** A `team_week_stats` row as the domain's sufficient statistics. */
const statsOfRow = (row: typeof schema.teamWeekStats.$inferSelect): SufficientStats => ({
  n: row.n,
  sumIndex: row.sumIndex,
  sumSqIndex: row.sumSqIndex,
  itemSums: {
    energy: row.energySum,
    autonomy: row.autonomySum,
    voice: row.voiceSum,
    growth: row.growthSum,
    trust: row.trustSum,
  },
  promoters: row.promoters,
  detractors: row.detractors,
});

describe('rollups', () => {
  it('maintained on write, and rebuilt from raw responses, equal the domain sums of the answers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(answer, { maxLength: 15 }), { minLength: 1, maxLength: 4 }),
        async (teams) => {
          const org = await signUpOrg(t.app);
          const answersOfTeam = new Map<string, Answers[]>();
          for (const answers of teams) {
            const team = await createTeam(org.admin);
            answersOfTeam.set(team.id, answers);
            const members = await quickMembers(t.app, org.orgId, team.id, answers.length);
            await Promise.all(
              members.map(async (m, i) => {
                const { pulseId } = (await m.api.get('/api/pulse')).body;
                expect(
                  (await m.api.post('/api/pulse/responses', { pulseId, answers: answers[i] }))
                    .status,
                ).toBe(201);
              }),
            );
          }
          const incremental = await snapshot();
          for (const [teamId, answers] of answersOfTeam) {
            const row = incremental.find((r) => r.teamId === teamId);
            if (answers.length === 0) expect(row).toBeUndefined();
            else expect(statsOfRow(row!)).toEqual(sufficientStatsOf(answers));
          }
          await t.database.db.transaction((tx) => rebuildRollups(tx));
          expect(await snapshot()).toEqual(incremental);
        },
      ),
      { numRuns: 15 },
    );
    expect((await snapshot()).length).toBeGreaterThan(0);
  });
});
