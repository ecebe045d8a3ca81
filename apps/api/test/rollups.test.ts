import { schema } from '@leeway/db';
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

describe('rollups', () => {
  it('rebuilt from raw responses equal the ones maintained on write', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(answer, { maxLength: 15 }), { minLength: 1, maxLength: 4 }),
        async (teams) => {
          const org = await signUpOrg(t.app);
          for (const answers of teams) {
            const team = await createTeam(org.admin);
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
          await t.database.db.transaction((tx) => rebuildRollups(tx));
          expect(await snapshot()).toEqual(incremental);
        },
      ),
      { numRuns: 15 },
    );
    expect((await snapshot()).length).toBeGreaterThan(0);
  });
});
