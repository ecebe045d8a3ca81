import { engagementIndex } from '@leeway/domain/metrics';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeam, signUpOrg } from './helpers/api.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { quickMembers } from './helpers/world.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const answer = fc.record({
  energy: fc.integer({ min: 1, max: 5 }),
  autonomy: fc.integer({ min: 1, max: 5 }),
  voice: fc.integer({ min: 1, max: 5 }),
  growth: fc.integer({ min: 1, max: 5 }),
  trust: fc.integer({ min: 1, max: 5 }),
  enps: fc.integer({ min: 0, max: 10 }),
});

const START = new Date('2026-11-25T10:00:00.000Z'); // Wednesday of 2026-W48
const NEXT_WEEK = new Date('2026-12-02T10:00:00.000Z'); // 2026-W48 has closed

describe('anonymity (property)', () => {
  it('never returns a figure computed from fewer than k respondents', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 3, max: 7 }),
        fc.array(
          fc.record({
            answers: answer,
            comment: fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: undefined }),
          }),
          { maxLength: 12 },
        ),
        fc.integer({ min: 0, max: 4 }),
        async (k, responses, silent) => {
          t.clock.set(START);
          const org = await signUpOrg(t.app);
          await org.admin.patch('/api/org/settings', { minGroupSize: k });
          const team = await createTeam(org.admin);
          const members = await quickMembers(t.app, org.orgId, team.id, responses.length + silent);
          const { pulseId } =
            responses.length > 0 ? (await members[0]!.api.get('/api/pulse')).body : { pulseId: '' };
          for (const [i, r] of responses.entries()) {
            const res = await members[i]!.api.post('/api/pulse/responses', {
              pulseId,
              answers: r.answers,
              ...(r.comment?.trim() ? { comment: r.comment } : {}),
            });
            expect(res.status).toBe(201);
          }
          const viewers = [org.admin, ...(members.length > 0 ? [members[0]!.api] : [])];
          // While the week is open nothing about it is shown, however many answered.
          for (const viewer of viewers) {
            const open = await viewer.get(`/api/teams/${team.id}/trends?from=2026-W48&to=2026-W48`);
            expect(open.body.weeks).toEqual([]);
          }
          t.clock.set(NEXT_WEEK);
          for (const viewer of viewers) {
            const trends = await viewer.get(
              `/api/teams/${team.id}/trends?from=2026-W47&to=2026-W48`,
            );
            for (const week of trends.body.weeks) {
              const n = week.week === '2026-W48' ? responses.length : 0;
              if (n < k) {
                expect(week).toMatchObject({
                  respondents: null,
                  participation: null,
                  suppressed: true,
                  engagement: null,
                  enps: null,
                  items: null,
                });
              } else {
                const mean = responses.reduce((s, r) => s + engagementIndex(r.answers), 0) / n;
                expect(week.suppressed).toBe(false);
                expect(week.respondents).toBe(n);
                expect(week.engagement.mean).toBeCloseTo(mean, 9);
              }
            }
          }
          const comments = await org.admin.get(`/api/teams/${team.id}/comments?week=2026-W48`);
          if (responses.length < k)
            expect(comments.body).toMatchObject({ suppressed: true, comments: [] });
          else
            expect(comments.body.comments).toHaveLength(
              responses.filter((r) => r.comment?.trim()).length,
            );
        },
      ),
      { numRuns: 40 },
    );
  });
});
