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
  it('shows aggregates only from k respondents, exactly as §3 defines them', async () => {
    const { team, lead, members, org } = await teamWith(6);
    const given = [answers(5, 10), answers(4, 9), answers(3, 7), answers(2, 6), answers(1, 0)];
    for (const [i, a] of given.slice(0, 4).entries())
      expect((await answer(members[i]!, a)).status).toBe(201);

    let trends = await lead.api.get(`/api/teams/${team.id}/trends?from=2026-W47&to=2026-W48`);
    expect(trends.status).toBe(200);
    expect(trends.body.k).toBe(5);
    expect(trends.body.weeks).toHaveLength(2);
    expect(trends.body.weeks[0]).toMatchObject({
      week: '2026-W47',
      respondents: 0,
      suppressed: true,
      engagement: null,
    });
    const w48 = trends.body.weeks[1];
    expect(w48).toEqual({
      week: '2026-W48',
      respondents: 4,
      members: 6,
      participation: 4 / 6,
      suppressed: true,
      engagement: null,
      enps: null,
      items: null,
    });

    expect((await answer(members[4]!, given[4])).status).toBe(201);
    trends = await lead.api.get(`/api/teams/${team.id}/trends?from=2026-W48&to=2026-W48`);
    const shown = trends.body.weeks[0];
    const indices = given.map((a) => engagementIndex(a));
    const mean = indices.reduce((s, x) => s + x, 0) / 5;
    const sd = Math.sqrt(indices.reduce((s, x) => s + (x - mean) ** 2, 0) / 4);
    expect(shown.suppressed).toBe(false);
    expect(shown.respondents).toBe(5);
    expect(shown.engagement.mean).toBeCloseTo(mean, 12);
    expect(shown.engagement.sd).toBeCloseTo(sd, 12);
    expect(shown.enps).toBeCloseTo((100 * (2 - 2)) / 5, 12);
    expect(shown.items.energy).toBeCloseTo(((4 + 3 + 2 + 1 + 0) / 5) * 25, 12);
    expect(shown.participation).toBeCloseTo(5 / 6, 12);

    // raising k hides it again
    expect(
      (await org.admin.patch('/api/org/settings', { minGroupSize: 6 })).body.minGroupSize,
    ).toBe(6);
    const hidden = (await lead.api.get(`/api/teams/${team.id}/trends?from=2026-W48&to=2026-W48`))
      .body;
    expect(hidden.k).toBe(6);
    expect(hidden.weeks[0]).toMatchObject({ suppressed: true, engagement: null, respondents: 5 });
    // members of the team see the same suppressed figures
    expect(
      (await members[5]!.api.get(`/api/teams/${team.id}/trends?from=2026-W48&to=2026-W48`)).body
        .weeks[0].suppressed,
    ).toBe(true);
  });

  it('shows comments only from k respondents, shuffled, and nothing beside them', async () => {
    const { team, lead, members } = await teamWith(5);
    for (const [i, m] of members.slice(0, 4).entries()) await answer(m, answers(), `comment ${i}`);
    const few = await lead.api.get(`/api/teams/${team.id}/comments`);
    expect(few.body).toEqual({
      week: '2026-W48',
      k: 5,
      respondents: 4,
      suppressed: true,
      comments: [],
    });
    await answer(members[4]!, answers());
    const many = await lead.api.get(`/api/teams/${team.id}/comments?week=2026-W48`);
    expect(many.body.suppressed).toBe(false);
    expect([...many.body.comments].sort()).toEqual([
      'comment 0',
      'comment 1',
      'comment 2',
      'comment 3',
    ]);
    expectProblem(await members[0]!.api.get(`/api/teams/${team.id}/comments`), 403);
  });

  it('counts members as of each week’s end', async () => {
    const { team, lead, org } = await teamWith(3);
    t.clock.advance(WEEK);
    try {
      await addPerson(t.app, org.admin, 'member', team.id);
      const res = await lead.api.get(`/api/teams/${team.id}/trends?from=2026-W48&to=2026-W49`);
      expect(res.body.weeks.map((w: { members: number }) => w.members)).toEqual([3, 4]);
    } finally {
      t.clock.advance(-WEEK);
    }
  });

  it('refuses bad ranges', async () => {
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
    expect(def.body.to).toBe('2026-W48');
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
