import { rowsOf, schema } from '@leeway/db';
import { engagementIndex } from '@leeway/domain/metrics';
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPerson, createTeam, expectProblem, type Person, signUpOrg } from './helpers/api.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const answers = (v = 4, enps = 9) => ({
  energy: v,
  autonomy: v,
  voice: v,
  growth: v,
  trust: v,
  enps,
});
const WEEK = 7 * 24 * 60 * 60 * 1000;
/** From the Wednesday the tests start on to the next Monday, when the week has closed. */
const DAYS_TO_NEXT_MONDAY = 5 * 24 * 60 * 60 * 1000;

async function teamWith(size: number) {
  const org = await signUpOrg(t.app);
  const team = await createTeam(org.admin);
  const lead = await addPerson(t.app, org.admin, 'lead', team.id);
  const members: Person[] = [];
  for (let i = 0; i < size; i++) members.push(await addPerson(t.app, org.admin, 'member', team.id));
  return { org, team, lead, members };
}

async function answer(person: Person, a = answers(), comment?: string) {
  const pulse = await person.api.get('/api/pulse');
  return person.api.post('/api/pulse/responses', {
    pulseId: pulse.body.pulseId,
    answers: a,
    ...(comment ? { comment } : {}),
  });
}

describe('answering the pulse', () => {
  it('gives a member this week’s pulse with the six questions, once', async () => {
    const { members } = await teamWith(1);
    const me = members[0]!;
    const pulse = await me.api.get('/api/pulse');
    expect(pulse.status).toBe(200);
    expect(pulse.body).toMatchObject({ week: '2026-W48', answered: false });
    expect(pulse.body.closesAt).toBe('2026-11-30T00:00:00.000Z');
    expect(pulse.body.questions.map((q: { id: string }) => q.id)).toEqual([
      'energy',
      'autonomy',
      'voice',
      'growth',
      'trust',
      'enps',
      'comment',
    ]);
    const first = await answer(me, answers(), '  Good week  ');
    expect(first.status).toBe(201);
    expect((await me.api.get('/api/pulse')).body.answered).toBe(true);
    expectProblem(await answer(me), 409);
  });

  it('refuses missing, out-of-range and extra answers, naming the field and storing nothing', async () => {
    const { members, team } = await teamWith(1);
    const me = members[0]!;
    const { pulseId } = (await me.api.get('/api/pulse')).body;
    const cases: [unknown, string][] = [
      [{ pulseId, answers: { ...answers(), trust: undefined } }, 'answers.trust'],
      [{ pulseId, answers: answers(6) }, 'answers.energy'],
      [{ pulseId, answers: answers(0) }, 'answers.energy'],
      [{ pulseId, answers: answers(4, 11) }, 'answers.enps'],
      [{ pulseId, answers: { ...answers(), energy: 3.5 } }, 'answers.energy'],
      [{ pulseId, answers: { ...answers(), energy: '4' } }, 'answers.energy'],
      [{ pulseId, answers: { ...answers(), mood: 3 } }, 'answers.mood'],
      [{ pulseId, answers: answers(), userId: me.id }, 'userId'],
      [{ pulseId, answers: answers(), comment: 'x'.repeat(1001) }, 'comment'],
      [{ answers: answers() }, 'pulseId'],
    ];
    for (const [body, field] of cases) {
      const problem = expectProblem(await me.api.post('/api/pulse/responses', body as never), 400);
      expect(
        problem.errors?.map((e) => e.field),
        JSON.stringify(body),
      ).toContain(field);
    }
    const [row] = await t.database.db
      .select({ n: count() })
      .from(schema.pulseResponses)
      .where(eq(schema.pulseResponses.teamId, team.id));
    expect(row!.n).toBe(0);
    expect((await me.api.get('/api/pulse')).body.answered).toBe(false);
  });

  it('refuses a closed week and another team’s pulse with 409, storing nothing', async () => {
    const { members, org } = await teamWith(1);
    const me = members[0]!;
    const { pulseId } = (await me.api.get('/api/pulse')).body;
    t.clock.advance(WEEK);
    try {
      const closed = expectProblem(
        await me.api.post('/api/pulse/responses', { pulseId, answers: answers() }),
        409,
      );
      expect(closed.detail).toMatch(/closed/);
    } finally {
      t.clock.advance(-WEEK);
    }
    const otherTeam = await createTeam(org.admin);
    const outsider = await addPerson(t.app, org.admin, 'member', otherTeam.id);
    expectProblem(
      await outsider.api.post('/api/pulse/responses', { pulseId, answers: answers() }),
      409,
    );
    expect((await me.api.get('/api/pulse')).body.answered).toBe(false);
    // a person without a team has no pulse
    const admin = org.admin;
    expectProblem(await admin.get('/api/pulse'), 404);
  });
});

describe('trends and suppression', () => {
  /** Moves the clock past the end of the week in progress (2026-W48), so that it closes. */
  async function closeWeek<T>(work: () => Promise<T>): Promise<T> {
    t.clock.advance(WEEK);
    try {
      return await work();
    } finally {
      t.clock.advance(-WEEK);
    }
  }

  it('shows nothing about the week in progress, then the closed week from k people exactly as §3 defines it', async () => {
    const { team, lead, members } = await teamWith(6);
    const given = [answers(5, 10), answers(4, 9), answers(3, 7), answers(2, 6), answers(1, 0)];
    for (const [i, a] of given.entries()) expect((await answer(members[i]!, a)).status).toBe(201);

    const open = await lead.api.get(`/api/teams/${team.id}/trends?from=2026-W47&to=2026-W48`);
    expect(open.status).toBe(200);
    expect(open.body.k).toBe(5);
    expect(open.body.current).toEqual({ week: '2026-W48', closesAt: '2026-11-30T00:00:00.000Z' });
    // Only W47 has closed; it was before the team existed.
    expect(open.body.weeks).toEqual([
      {
        week: '2026-W47',
        respondents: null,
        members: 0,
        participation: null,
        suppressed: true,
        reason: 'no_data',
        engagement: null,
        enps: null,
        items: null,
      },
    ]);

    const shown = await closeWeek(async () => {
      const res = await lead.api.get(`/api/teams/${team.id}/trends?from=2026-W48&to=2026-W48`);
      expect(res.body.current.week).toBe('2026-W49');
      return res.body.weeks[0];
    });
    const indices = given.map((a) => engagementIndex(a));
    const mean = indices.reduce((s, x) => s + x, 0) / 5;
    const sd = Math.sqrt(indices.reduce((s, x) => s + (x - mean) ** 2, 0) / 4);
    expect(shown.suppressed).toBe(false);
    expect(shown.reason).toBeNull();
    expect(shown.respondents).toBe(5);
    expect(shown.engagement.mean).toBeCloseTo(mean, 12);
    expect(shown.engagement.sd).toBeCloseTo(sd, 12);
    expect(shown.enps).toBeCloseTo((100 * (2 - 2)) / 5, 12);
    expect(shown.items.energy).toBeCloseTo(((4 + 3 + 2 + 1 + 0) / 5) * 25, 12);
    expect(shown.participation).toBeCloseTo(5 / 6, 12);
  });

  it('hides a closed week of fewer than k people without saying how many, for every role', async () => {
    const { team, lead, members } = await teamWith(6);
    for (const m of members.slice(0, 4)) expect((await answer(m)).status).toBe(201);
    await closeWeek(async () => {
      for (const who of [lead, members[5]!]) {
        const w48 = (await who.api.get(`/api/teams/${team.id}/trends?from=2026-W48&to=2026-W48`))
          .body.weeks[0];
        expect(w48).toEqual({
          week: '2026-W48',
          respondents: null,
          members: 6,
          participation: null,
          suppressed: true,
          reason: 'fewer_than_k',
          engagement: null,
          enps: null,
          items: null,
        });
      }
    });
  });

  it('applies a raised k to closed weeks at once, and a lowered k only to weeks that close later', async () => {
    const { team, lead, members, org } = await teamWith(6);
    for (const m of members.slice(0, 5)) expect((await answer(m)).status).toBe(201);
    const w48 = () =>
      lead.api
        .get(`/api/teams/${team.id}/trends?from=2026-W48&to=2026-W48`)
        .then((r) => r.body.weeks[0]);
    await closeWeek(async () => {
      expect((await w48()).suppressed).toBe(false);
      expect((await org.admin.patch('/api/org/settings', { minGroupSize: 6 })).status).toBe(200);
      expect(await w48()).toMatchObject({
        suppressed: true,
        reason: 'fewer_than_k',
        respondents: null,
      });
      // W48 closed under k = 5: lowering k to 4 does not reveal more than k = 5 did.
      expect((await org.admin.patch('/api/org/settings', { minGroupSize: 4 })).status).toBe(200);
      expect(await w48()).toMatchObject({ suppressed: false, respondents: 5 });
    });
  });

  it('shows comments only for a published closed week, shuffled, and nothing beside them', async () => {
    const { team, lead, members } = await teamWith(5);
    for (const [i, m] of members.slice(0, 4).entries()) await answer(m, answers(), `comment ${i}`);
    const open = await lead.api.get(`/api/teams/${team.id}/comments?week=2026-W48`);
    expect(open.body).toEqual({
      week: '2026-W48',
      k: 5,
      suppressed: true,
      reason: 'open',
      comments: [],
    });
    await answer(members[4]!, answers());
    // Still open: five answers now, and still nothing.
    expect(
      (await lead.api.get(`/api/teams/${team.id}/comments?week=2026-W48`)).body.comments,
    ).toEqual([]);
    await closeWeek(async () => {
      const many = await lead.api.get(`/api/teams/${team.id}/comments`);
      expect(many.body.week).toBe('2026-W48');
      expect(many.body.suppressed).toBe(false);
      expect([...many.body.comments].sort()).toEqual([
        'comment 0',
        'comment 1',
        'comment 2',
        'comment 3',
      ]);
      expectProblem(await members[0]!.api.get(`/api/teams/${team.id}/comments`), 403);
    });
  });

  it('counts members as of each week’s end', async () => {
    const { team, lead, org } = await teamWith(3);
    t.clock.advance(WEEK);
    try {
      await addPerson(t.app, org.admin, 'member', team.id);
      t.clock.advance(DAYS_TO_NEXT_MONDAY);
      const res = await lead.api.get(`/api/teams/${team.id}/trends?from=2026-W48&to=2026-W49`);
      expect(res.body.weeks.map((w: { members: number }) => w.members)).toEqual([3, 4]);
    } finally {
      t.clock.advance(-WEEK - DAYS_TO_NEXT_MONDAY);
    }
  });

  it('refuses bad ranges, and cuts any range at the last closed week', async () => {
    const { team, lead } = await teamWith(0);
    expect(
      expectProblem(
        await lead.api.get(`/api/teams/${team.id}/trends?from=2026-W50&to=2026-W40`),
        400,
      ).errors?.[0]?.field,
    ).toBe('from');
    expect(
      expectProblem(await lead.api.get(`/api/teams/${team.id}/trends?from=2025-W53`), 400)
        .errors?.[0]?.field,
    ).toBe('from');
    expect(
      expectProblem(await lead.api.get(`/api/teams/${team.id}/trends?to=banana`), 400).errors?.[0]
        ?.field,
    ).toBe('to');
    expect(
      expectProblem(
        await lead.api.get(`/api/teams/${team.id}/trends?from=2000-W01&to=2026-W01`),
        400,
      ).errors?.[0]?.field,
    ).toBe('from');
    const def = await lead.api.get(`/api/teams/${team.id}/trends`);
    expect(def.body.weeks).toHaveLength(12);
    expect(def.body.weeks.at(-1).week).toBe('2026-W47');
    const far = await lead.api.get(`/api/teams/${team.id}/trends?from=2026-W40&to=9999-W52`);
    expect(far.status).toBe(200);
    expect(far.body.weeks.at(-1).week).toBe('2026-W47');
    const future = await lead.api.get(`/api/teams/${team.id}/trends?from=9999-W01&to=9999-W52`);
    expect(future.status).toBe(200);
    expect(future.body.weeks).toEqual([]);
  });
});

describe('storage that cannot be joined back', () => {
  async function columnsOf(table: string) {
    const result: unknown = await t.database.db.execute(
      sql`select column_name, data_type from information_schema.columns where table_name = ${table} order by column_name`,
    );
    type Row = { column_name: string; data_type: string };
    return rowsOf<Row>(result);
  }

  it('keeps no column in responses that could identify a person or a moment', async () => {
    const rows = await columnsOf('pulse_responses');
    expect(rows.map((r) => r.column_name)).toEqual([
      'autonomy',
      'comment',
      'energy',
      'enps',
      'growth',
      'id',
      'org_id',
      'team_id',
      'trust',
      'voice',
      'week',
    ]);
    expect(rows.some((r) => /timestamp|date|time/.test(r.data_type))).toBe(false);
    expect((await columnsOf('pulse_receipts')).map((r) => r.column_name)).toEqual([
      'org_id',
      'team_id',
      'user_id',
      'week',
    ]);
  });
});
