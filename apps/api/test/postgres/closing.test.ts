import { rowsOf } from '@leeway/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockForClosing } from '../../src/modules/publication/repository.ts';
import { createTeam, signUpOrg } from '../helpers/api.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { quickMembers } from '../helpers/world.ts';

/**
 * A week closes while answers to it are in flight, on a real PostgreSQL pool: every answer the
 * API acknowledged is in the week it published, and none arrives after it closed.
 */
let t: TestApp;
beforeAll(async () => {
  if (!process.env.DATABASE_URL)
    throw new Error('these tests need DATABASE_URL (run pnpm test:pg)');
  t = await createTestApp();
});
afterAll(() => t?.close());

const SUNDAY_LATE = new Date('2026-11-29T23:59:59.000Z'); // the last second of 2026-W48 (UTC)
const MONDAY = new Date('2026-11-30T00:00:01.000Z');

describe('closing a week under load', () => {
  it('publishes exactly the answers it acknowledged, however the close and the answers interleave', async () => {
    t.clock.set(SUNDAY_LATE);
    const org = await signUpOrg(t.app);
    const team = await createTeam(org.admin);
    const members = await quickMembers(t.app, org.orgId, team.id, 60);
    const pulseIds = await Promise.all(
      members.map(async (m) => (await m.api.get('/api/pulse')).body.pulseId as string),
    );
    const answers = { energy: 4, autonomy: 4, voice: 4, growth: 4, trust: 4, enps: 9 };
    // Every answer is sent while the clock says Sunday; once the first ten are acknowledged the
    // clock moves to Monday, with the rest in flight, and dashboard reads that close the week
    // are sent at once.
    let settled = 0;
    let tenth: () => void = () => {};
    const tenSettled = new Promise<void>((resolve) => {
      tenth = resolve;
    });
    const sent = members.map((m, i) =>
      m.api.post('/api/pulse/responses', { pulseId: pulseIds[i], answers }).then((reply) => {
        if (++settled === 10) tenth();
        return reply;
      }),
    );
    await tenSettled;
    t.clock.set(MONDAY);
    const reads = Array.from({ length: 10 }, () =>
      org.admin.get(`/api/teams/${team.id}/trends?from=2026-W48&to=2026-W48`),
    );
    const replies = await Promise.all(sent);
    for (const read of await Promise.all(reads)) expect(read.status).toBe(200);
    const statuses = replies.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    // How the rest interleave with the close varies from run to run; what must hold is below.
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(10);
    const acknowledged = statuses.filter((s) => s === 201).length;

    const result: unknown = await t.database.db.execute(sql`
      select c.n from team_week_closures c where c.team_id = ${team.id} and c.week = '2026-W48'`);
    const published = rowsOf<{ n: number }>(result)[0]!.n;
    const receipts: unknown = await t.database.db.execute(
      sql`select count(*)::int as "n" from pulse_receipts where team_id = ${team.id}`,
    );
    expect(published).toBe(acknowledged);
    expect(rowsOf<{ n: number }>(receipts)[0]!.n).toBe(acknowledged);
    const week = (await org.admin.get(`/api/teams/${team.id}/trends?from=2026-W48&to=2026-W48`))
      .body.weeks[0];
    expect(week.respondents ?? 0).toBe(acknowledged >= 5 ? acknowledged : 0);
  });

  it('refuses an answer that waited for a close in progress, though its week was open when it was sent', async () => {
    t.clock.set(SUNDAY_LATE);
    const org = await signUpOrg(t.app);
    const team = await createTeam(org.admin);
    const [member] = await quickMembers(t.app, org.orgId, team.id, 1);
    const { pulseId } = (await member!.api.get('/api/pulse')).body;
    let answer: Promise<{ status: number }> | undefined;
    await t.database.db.transaction(async (tx) => {
      // A close holds the org's lock; the answer, sent now, has to wait for it.
      await lockForClosing(tx, org.orgId);
      answer = member!.api.post('/api/pulse/responses', {
        pulseId,
        answers: { energy: 3, autonomy: 3, voice: 3, growth: 3, trust: 3, enps: 7 },
      });
      const waiting = async (): Promise<boolean> => {
        const result: unknown = await t.database.db.execute(
          sql`select count(*)::int as "n" from pg_locks where locktype = 'advisory' and not granted`,
        );
        return rowsOf<{ n: number }>(result)[0]!.n > 0;
      };
      // Wait (by asking the server, not by sleeping) until the answer is queued on the lock.
      while (!(await waiting())) await new Promise((resolve) => setImmediate(resolve));
      await tx.execute(sql`insert into week_closures (org_id, week, k_closed, closes_at)
        values (${org.orgId}, '2026-W48', 5, ${MONDAY.toISOString()})`);
    });
    const reply = await answer!;
    expect(reply.status).toBe(409);
    const receipts: unknown = await t.database.db.execute(
      sql`select count(*)::int as "n" from pulse_receipts where team_id = ${team.id}`,
    );
    expect(rowsOf<{ n: number }>(receipts)[0]!.n).toBe(0);
  });
});
