import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeam, signUpOrg } from '../helpers/api.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { quickMembers } from '../helpers/world.ts';
import { longSession } from './sessions.ts';

/**
 * Disclosures the audit found, each as the smallest case that shows it (docs/product.md §4).
 * Each test fails while the disclosure is there.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const DAY = 86_400_000;

describe('findings of the disclosure audit', () => {
  it('a vote tally hidden under the k its voting week closed with stays hidden when k is lowered', async () => {
    t.clock.set(new Date('2026-11-25T10:00:00Z')); // Wednesday of 2026-W48
    const org = await signUpOrg(t.app);
    const admin = await longSession(t.app, org.orgId, org.adminId);
    expect((await admin.patch('/api/org/settings', { minGroupSize: 5 })).status).toBe(200);
    const team = await createTeam(admin);
    const members = await quickMembers(t.app, org.orgId, team.id, 6);
    const created = await admin.post(`/api/teams/${team.id}/experiments`, {
      type: 'decision_rights',
      title: 'Own the sprint',
      hypothesis: 'It helps.',
      startWeek: '2026-W48',
      durationWeeks: 1,
      baselineWeeks: 1,
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;

    // 2026-W49 is the voting week: three people vote while k is 5.
    t.clock.set(new Date(Date.parse('2026-11-25T10:00:00Z') + 7 * DAY));
    const choices = ['adopt', 'adopt', 'abandon'];
    for (const [i, choice] of choices.entries()) {
      expect((await members[i]!.api.post(`/api/experiments/${id}/votes`, { choice })).status).toBe(
        201,
      );
    }
    // The voting week closes under k = 5: three voters are too few, the tally is hidden.
    t.clock.set(new Date(Date.parse('2026-11-25T10:00:00Z') + 14 * DAY));
    const hidden = await admin.get(`/api/experiments/${id}/votes`);
    expect(hidden.body).toMatchObject({ shown: false, reason: 'fewer_than_k', counts: null });

    // k is lowered to 3 afterwards. "Lowering k applies only to weeks that close after the
    // change: each week keeps the k it closed under" — and votes follow the pulse's rules
    // (modules/votes/service.ts). Today the tally appears: 2 adopt, 1 abandon, from 3 people who
    // voted under the promise of a group of five.
    expect((await admin.patch('/api/org/settings', { minGroupSize: 3 })).status).toBe(200);
    const after = await admin.get(`/api/experiments/${id}/votes`);
    expect(after.body).toMatchObject({ shown: false, counts: null, voters: null });
  });
});
