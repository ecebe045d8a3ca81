import { schema } from '@leeway/db';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeam, signUpOrg } from './helpers/api.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { quickMembers } from './helpers/world.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const answers = { energy: 4, autonomy: 3, voice: 5, growth: 2, trust: 4, enps: 8 };

async function rows(
  table: typeof schema.pulseResponses | typeof schema.pulseReceipts,
  teamId: string,
) {
  const [row] = await t.database.db
    .select({ n: count() })
    .from(table)
    .where(eq(table.teamId, teamId));
  return row!.n;
}

describe('concurrent submissions', () => {
  it('stores exactly one of 50 simultaneous submissions by the same person; the rest get 409', async () => {
    const org = await signUpOrg(t.app);
    const team = await createTeam(org.admin);
    const [me] = await quickMembers(t.app, org.orgId, team.id, 1);
    const { pulseId } = (await me!.api.get('/api/pulse')).body;
    const results = await Promise.all(
      Array.from({ length: 50 }, () => me!.api.post('/api/pulse/responses', { pulseId, answers })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(await rows(schema.pulseResponses, team.id)).toBe(1);
    expect(await rows(schema.pulseReceipts, team.id)).toBe(1);
    const [stats] = await t.database.db
      .select()
      .from(schema.teamWeekStats)
      .where(eq(schema.teamWeekStats.teamId, team.id));
    expect(stats!.n).toBe(1);
  });

  it('stores all 200 of 200 different members submitting at once', async () => {
    const org = await signUpOrg(t.app);
    const team = await createTeam(org.admin);
    const members = await quickMembers(t.app, org.orgId, team.id, 200);
    const { pulseId } = (await members[0]!.api.get('/api/pulse')).body;
    const results = await Promise.all(
      members.map((m) => m.api.post('/api/pulse/responses', { pulseId, answers })),
    );
    expect(results.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
    expect(await rows(schema.pulseResponses, team.id)).toBe(200);
    expect(await rows(schema.pulseReceipts, team.id)).toBe(200);
    t.clock.advance(7 * 24 * 60 * 60 * 1000); // figures appear once the week has closed
    const trends = await org.admin.get(`/api/teams/${team.id}/trends?from=2026-W48&to=2026-W48`);
    expect(trends.body.weeks[0]).toMatchObject({
      respondents: 200,
      members: 200,
      participation: 1,
      suppressed: false,
    });
  });
});
