import { addWeeks, weekBounds } from '@leeway/domain/weeks';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeam, signIn, signUpOrg } from './helpers/api.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { quickMembers } from './helpers/world.ts';

/**
 * Over random organisations (team sizes 1–30, random answers over several weeks), no
 * combination of figures returned by org trends, heatmap, team trends and the export for the
 * same range lets anyone compute an aggregate of fewer than k respondents:
 *  - every figure shown rests on at least k respondents;
 *  - per week, when the org figure is shown, the hidden teams hold 0 or at least k respondents
 *    (org minus every visible team is then a group of at least k);
 *  - the four endpoints agree on which cells are hidden, and overlapping ranges agree week by week.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const FIRST = '2026-W45';
const WEEKS = 3;
const at = (week: string) => new Date(weekBounds(week, 'UTC').opensAt.getTime() + 2.5 * 86_400_000);

const orgArb = fc.record({
  k: fc.integer({ min: 3, max: 7 }),
  teams: fc.array(
    fc.record({
      size: fc.integer({ min: 1, max: 30 }),
      // share of the team answering each week
      rates: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
        minLength: WEEKS,
        maxLength: WEEKS,
      }),
    }),
    { minLength: 1, maxLength: 5 },
  ),
  seed: fc.integer({ min: 1, max: 5 }),
});

describe('no differencing (property)', () => {
  it('holds for org trends, heatmap, team trends and export together', async () => {
    await fc.assert(
      fc.asyncProperty(orgArb, async ({ k, teams: specs, seed }) => {
        t.clock.set(at(FIRST));
        const org = await signUpOrg(t.app);
        await org.admin.patch('/api/org/settings', { minGroupSize: k });
        const teams = [];
        for (const [i, spec] of specs.entries()) {
          const team = await createTeam(org.admin, `T${i}`);
          teams.push({
            ...team,
            members: await quickMembers(t.app, org.orgId, team.id, spec.size),
          });
        }
        // What the test planted: how many answered each team-week.
        const answered = teams.map(() => new Array<number>(WEEKS).fill(0));
        for (let w = 0; w < WEEKS; w++) {
          t.clock.set(at(addWeeks(FIRST, w)));
          await Promise.all(
            teams.flatMap((team, i) => {
              const answering = Math.round(specs[i]!.rates[w]! * team.members.length);
              answered[i]![w] = answering;
              return team.members.slice(0, answering).map(async (m, j) => {
                const v = ((i + j + w + seed) % 5) + 1;
                const { pulseId } = (await m.api.get('/api/pulse')).body;
                const res = await m.api.post('/api/pulse/responses', {
                  pulseId,
                  answers: {
                    energy: v,
                    autonomy: ((v + 1) % 5) + 1,
                    voice: v,
                    growth: 3,
                    trust: v,
                    enps: (v * 2 + j) % 11,
                  },
                });
                expect(res.status).toBe(201);
              });
            }),
          );
        }
        const to = addWeeks(FIRST, WEEKS - 1);
        // Figures appear once the weeks have closed.
        t.clock.set(at(addWeeks(FIRST, WEEKS)));
        const admin = await signIn(t.app, org.adminEmail);
        const range = `from=${FIRST}&to=${to}`;
        const trends = (await admin.get(`/api/org/trends?${range}`)).body;
        const heat = (await admin.get(`/api/org/heatmap?${range}&metric=engagement`)).body;
        const csv = await t.app.inject({
          method: 'GET',
          url: `/api/org/export.csv?${range}`,
          headers: { authorization: `Bearer ${admin.token}` },
        });
        const rows: Record<string, string>[] = parse(csv.body, { columns: true, bom: true });
        const overlap = (
          await admin.get(
            `/api/org/heatmap?from=${addWeeks(FIRST, 1)}&to=${addWeeks(to, 1)}&metric=engagement`,
          )
        ).body;

        for (const [w, week] of heat.weeks.entries()) {
          let hiddenRespondents = 0;
          let total = 0;
          for (const [i, team] of teams.entries()) {
            const cell = heat.teams.find((x: { teamId: string }) => x.teamId === team.id).cells[w];
            const trend = (await admin.get(`/api/teams/${team.id}/trends?${range}`)).body.weeks[w];
            const row = rows.find((r) => r.team === team.name && r.week === week)!;
            const planted = answered[i]![w]!;
            total += planted;
            // the endpoints agree
            expect(trend.suppressed).toBe(cell.suppressed);
            expect(trend.reason).toBe(cell.reason);
            expect(row.suppressed).toBe(String(cell.suppressed));
            expect(row.respondents).toBe(cell.respondents === null ? '' : String(cell.respondents));
            if (cell.suppressed) {
              hiddenRespondents += planted;
              // a hidden week says nothing about how many answered
              expect(cell.respondents).toBeNull();
              expect(trend.respondents).toBeNull();
              expect(trend.participation).toBeNull();
              expect(cell.value).toBeNull();
              expect(trend.engagement).toBeNull();
              expect(trend.items).toBeNull();
              expect(trend.enps).toBeNull();
              expect([row.engagement_mean, row.enps, row.energy]).toEqual(['', '', '']);
            } else {
              expect(cell.respondents).toBe(planted);
              expect(cell.respondents).toBeGreaterThanOrEqual(k);
              expect(trend.engagement.mean).toBe(cell.value);
              // The export rounds to one decimal, as the dashboard shows it.
              expect(Number(row.engagement_mean)).toBe(Math.round(cell.value * 10) / 10);
            }
            const later = overlap.weeks.indexOf(week);
            if (later >= 0) {
              const again = overlap.teams.find((x: { teamId: string }) => x.teamId === team.id)
                .cells[later];
              expect(again).toEqual(cell);
            }
          }
          const orgWeek = trends.weeks[w];
          if (!orgWeek.suppressed) {
            expect(orgWeek.respondents).toBe(total);
            expect(total).toBeGreaterThanOrEqual(k);
            expect(
              hiddenRespondents === 0 || hiddenRespondents >= k,
              `week ${week}: hidden teams hold ${hiddenRespondents}`,
            ).toBe(true);
          } else {
            expect(orgWeek.engagement).toBeNull();
            expect(orgWeek.respondents).toBeNull();
          }
        }
      }),
      {
        numRuns: 25,
        // Always include a week that needs complementary suppression: 2 answers under k = 5
        // beside teams of 6 and 8 (the team of 6 must be hidden with the small one).
        examples: [
          [
            {
              k: 5,
              teams: [
                { size: 2, rates: [1, 1, 1] },
                { size: 8, rates: [1, 1, 1] },
                { size: 6, rates: [1, 0, 1] },
              ],
              seed: 1,
            },
          ],
        ],
      },
    );
  });
});
