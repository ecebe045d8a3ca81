import { rowsOf } from '@leeway/db';
import { engagementIndex } from '@leeway/domain/metrics';
import { decideWeek } from '@leeway/domain/suppression';
import { addWeeks, weekBounds } from '@leeway/domain/weeks';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildRollups } from '../src/modules/pulse/repository.ts';
import { createTeam, signIn, signUpOrg } from './helpers/api.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { quickMembers } from './helpers/world.ts';

/**
 * The stored publication (docs/product.md §4): one decision per team-week, made when the week
 * closes, equal to what the raw answers give, and the same when derived again from the rollups
 * (as the migration that introduced it does on first read).
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const FIRST = '2026-W44';
const at = (week: string) => new Date(weekBounds(week, 'UTC').opensAt.getTime() + 2.5 * 86_400_000);
const answers = (v: number) => ({
  energy: v,
  autonomy: 6 - v,
  voice: v,
  growth: 3,
  trust: v,
  enps: v * 2,
});

interface StateRow {
  teamId: string;
  week: string;
  state: string;
  n: number;
  members: number;
  sumIndex: number;
  rank: number;
}

async function storedStates(orgId: string): Promise<StateRow[]> {
  const result: unknown = await t.database.db.execute(sql`
    select c.team_id as "teamId", c.week, d.state, c.n, c.members,
      c.sum_index::float8 as "sumIndex", c.rank
    from team_week_closures c
    join team_week_decisions d on d.team_id = c.team_id and d.week = c.week
    join week_closures w on w.org_id = c.org_id and w.week = c.week
      and d.threshold = w.k_closed
    where c.org_id = ${orgId}
    order by c.week, c.team_id`);
  return rowsOf<StateRow>(result);
}

/** An org of five teams over four weeks: small teams, a protected one, an empty one. */
async function history() {
  t.clock.set(at(FIRST));
  const org = await signUpOrg(t.app);
  // Per team: size, and how many answer in each of four weeks.
  const plan = [
    { size: 3, answering: [2, 3, 0, 1] },
    { size: 6, answering: [6, 5, 6, 6] },
    { size: 9, answering: [8, 7, 9, 5] },
    { size: 12, answering: [11, 12, 10, 12] },
    { size: 2, answering: [0, 0, 0, 0] },
  ];
  const planted = new Map<string, number>();
  const teams = [];
  for (const [i, spec] of plan.entries()) {
    const team = await createTeam(org.admin, `Team ${i}`);
    teams.push({ ...team, members: await quickMembers(t.app, org.orgId, team.id, spec.size) });
  }
  for (let w = 0; w < 4; w++) {
    const week = addWeeks(FIRST, w);
    t.clock.set(at(week));
    for (const [i, team] of teams.entries()) {
      let sum = 0;
      for (const [j, m] of team.members.slice(0, plan[i]!.answering[w]).entries()) {
        const a = answers(1 + ((i + j + w) % 5));
        sum += engagementIndex(a);
        const { pulseId } = (await m.api.get('/api/pulse')).body;
        expect((await m.api.post('/api/pulse/responses', { pulseId, answers: a })).status).toBe(
          201,
        );
      }
      planted.set(`${team.id}|${week}`, sum);
    }
  }
  t.clock.set(at(addWeeks(FIRST, 4)));
  const admin = await signIn(t.app, org.adminEmail);
  return { org, admin, teams, plan, planted };
}

describe('the stored publication', () => {
  it('freezes each closed team-week as answered and decides it as the raw answers do', async () => {
    const { org, admin, teams, plan, planted } = await history();
    expect((await admin.get(`/api/org/trends?from=${FIRST}&to=${addWeeks(FIRST, 3)}`)).status).toBe(
      200,
    );
    const stored = await storedStates(org.orgId);
    expect(stored).toHaveLength(teams.length * 4);
    for (const row of stored) {
      const i = teams.findIndex((x) => x.id === row.teamId);
      const w = Number(row.week.slice(-2)) - Number(FIRST.slice(-2));
      expect(row.n).toBe(plan[i]!.answering[w]);
      expect(row.members).toBe(plan[i]!.size);
      expect(row.sumIndex).toBe(planted.get(`${row.teamId}|${row.week}`));
    }
    for (let w = 0; w < 4; w++) {
      const week = addWeeks(FIRST, w);
      const cells = stored.filter((r) => r.week === week);
      const expected = decideWeek(
        cells.map((r) => ({ key: r.teamId, respondents: r.n, members: r.members, rank: r.rank })),
        5,
      );
      for (const r of cells)
        expect(r.state, `${r.teamId} ${week}`).toBe(expected.states.get(r.teamId));
    }
    const states = stored.map((r) => r.state);
    expect(states).toContain('fewer_than_k');
    expect(states).toContain('protecting');
    expect(states).toContain('published');
    // The empty team (members, no answers) is hidden for fewer than k, not "no data".
    expect(stored.filter((r) => r.teamId === teams[4]!.id).map((r) => r.state)).toEqual(
      new Array(4).fill('fewer_than_k'),
    );
  });

  it('gives the same states when derived again from rollups rebuilt from the raw answers', async () => {
    const { org, admin } = await history();
    await admin.get(`/api/org/trends?from=${FIRST}&to=${addWeeks(FIRST, 3)}`);
    const first = await storedStates(org.orgId);
    // As if the publication had never been made (a database from before it): rebuild the rollups
    // from the raw answers and let the next read derive the publication again.
    await t.database.db.transaction(async (tx) => {
      await rebuildRollups(tx, org.orgId);
      for (const table of [
        'team_week_decisions',
        'week_decisions',
        'team_week_closures',
        'week_closures',
      ])
        await tx.execute(sql`delete from ${sql.identifier(table)} where org_id = ${org.orgId}`);
    });
    // A week later (the process keeps no memory of a week it has not seen closed).
    t.clock.set(at(addWeeks(FIRST, 5)));
    const later = await signIn(t.app, org.adminEmail);
    expect((await later.get(`/api/org/trends?from=${FIRST}&to=${addWeeks(FIRST, 3)}`)).status).toBe(
      200,
    );
    const again = (await storedStates(org.orgId)).filter((r) => r.week <= addWeeks(FIRST, 3));
    const strip = (rows: StateRow[]) => rows.map(({ rank: _rank, ...rest }) => rest);
    // No two teams of a week tie on answers here, so the random ranks decide nothing.
    expect(strip(again)).toEqual(strip(first));
  });
});
