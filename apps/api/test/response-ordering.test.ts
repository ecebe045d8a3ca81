import { rowsOf } from '@leeway/db';
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeam, type Person, signUpOrg } from './helpers/api.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { quickMembers } from './helpers/world.ts';

/**
 * The attacker here has read access to the database — a backup, a replica, an analyst's SQL
 * account — and the receipts tell them who answered a pulse and in which order. They try to pair
 * receipts with responses by everything a row carries besides its answers: its id, its physical
 * position (`ctid`, which is also the order of a plain `select` and of `pg_dump`), and the id of
 * the transaction that wrote it (`xmin`). The test knows who wrote what (each comment names its
 * author) and scores the attacker's pairing against it.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const WEEK = 7 * 24 * 60 * 60 * 1000;
const MEMBERS = 16;
const WEEKS = 4;

async function rows<T>(query: SQL): Promise<T[]> {
  return rowsOf<T>(await t.database.db.execute(query));
}

type Receipt = { user_id: string; xmin: string };
type Stored = { id: string; comment: string; xmin: string };

const receiptsOf = (teamId: string, week: string) =>
  rows<Receipt>(sql`select user_id, xmin::text as xmin from pulse_receipts
    where team_id = ${teamId} and week = ${week} order by ctid`);

/** The responses of a team-week in the orders an attacker can see without reading answers. */
async function responseOrders(
  teamId: string,
  week: string,
): Promise<{ physical: Stored[]; byId: Stored[]; unordered: Stored[] }> {
  const select = sql`select id, comment, xmin::text as xmin from pulse_responses
    where team_id = ${teamId} and week = ${week}`;
  return {
    physical: await rows<Stored>(sql`${select} order by ctid`),
    byId: await rows<Stored>(sql`${select} order by id`),
    // No ORDER BY: what a plain query or an export returns.
    unordered: await rows<Stored>(select),
  };
}

describe('responses cannot be paired with receipts by order or transaction', () => {
  it('gives an attacker who pairs the n-th receipt with the n-th response no more than chance', async () => {
    const org = await signUpOrg(t.app);
    const team = await createTeam(org.admin);
    const other = await createTeam(org.admin);
    const members = await quickMembers(t.app, org.orgId, team.id, MEMBERS);
    const others = await quickMembers(t.app, org.orgId, other.id, 3);
    const authorOf = new Map<string, string>();
    const correct: Record<string, number> = { physical: 0, byId: 0, unordered: 0 };
    let pairs = 0;
    const singledOut: string[] = [];

    for (let w = 0; w < WEEKS; w++) {
      const { pulseId, week } = (await members[0]!.api.get('/api/pulse')).body;
      const otherPulse = (await others[0]!.api.get('/api/pulse')).body.pulseId;
      // A different known order every week; another team's answers interleaved.
      const order: Person[] = w % 2 === 0 ? members : [...members].reverse();
      for (const [i, m] of order.entries()) {
        const label = `${week}#${m.id}`;
        authorOf.set(label, m.id);
        const res = await m.api.post('/api/pulse/responses', {
          pulseId,
          answers: {
            energy: 1 + (i % 5),
            autonomy: 1 + ((i + w) % 5),
            voice: 3,
            growth: 1 + Math.floor(i / 5),
            trust: 4,
            enps: i % 11,
          },
          comment: label,
        });
        expect(res.status).toBe(201);
        const o = others[i];
        if (o) {
          const answers = { energy: 2, autonomy: 2, voice: 2, growth: 2, trust: 2, enps: 2 };
          const res = await o.api.post('/api/pulse/responses', { pulseId: otherPulse, answers });
          expect(res.status).toBe(201);
        }
      }

      const receipts = await receiptsOf(team.id, week);
      expect(receipts).toHaveLength(MEMBERS);
      for (const [name, responses] of Object.entries(await responseOrders(team.id, week))) {
        expect(responses).toHaveLength(MEMBERS);
        responses.forEach((r, i) => {
          if (authorOf.get(r.comment) === receipts[i]!.user_id) correct[name]!++;
        });
      }
      pairs += MEMBERS;

      // Joining on the writing transaction: a receipt may share its transaction with every
      // response of its team-week (the last one to answer), never with a few of them.
      const { physical } = await responseOrders(team.id, week);
      for (const receipt of receipts) {
        const same = physical.filter((r) => r.xmin === receipt.xmin).length;
        if (same > 0 && same < MEMBERS) singledOut.push(`${week}: ${same} share ${receipt.xmin}`);
      }

      t.clock.advance(WEEK);
    }

    // Pairing by position in a random order is right about once a team-week (Poisson(1)):
    // about WEEKS of the 64 pairs; P(more than 20) < 1e-8. Pairing by insertion order is right
    // every time.
    const best = Math.max(...Object.values(correct));
    expect(best, `of ${pairs} pairs, right: ${JSON.stringify(correct)}`).toBeLessThanOrEqual(20);
    expect(singledOut).toEqual([]);
  });

  it('keeps no time in responses or receipts, and only the week for an anonymous idea', async () => {
    const timeColumns = await rows<{ table_name: string; column_name: string }>(sql`
      select table_name, column_name from information_schema.columns
      where table_schema = current_schema()
        and table_name in ('pulse_responses', 'pulse_receipts', 'team_week_stats')
        and (data_type like 'timestamp%' or data_type in ('date', 'time', 'interval')
             or data_type like 'time %')`);
    expect(timeColumns).toEqual([]);

    const org = await signUpOrg(t.app);
    const team = await createTeam(org.admin);
    const members = await quickMembers(t.app, org.orgId, team.id, 3);
    const proposed: string[] = [];
    for (const [i, m] of members.entries()) {
      t.clock.advance(37 * 60 * 1000 + i * 1234);
      const res = await m.api.post(`/api/teams/${team.id}/ideas`, {
        type: 'custom',
        text: `Idea ${i}`,
        anonymous: true,
      });
      expect(res.status).toBe(201);
      expect(res.body.author).toBeNull();
      proposed.push(res.body.id);
    }
    const stored = await rows<{ id: string; author_id: string | null; at: string; xmin: string }>(
      sql`select id, author_id, extract(epoch from created_at)::text as at, xmin::text as xmin
          from ideas where team_id = ${team.id}`,
    );
    expect(stored.map((r) => r.id).sort()).toEqual([...proposed].sort());
    expect(stored.every((r) => r.author_id === null)).toBe(true);
    // One instant for all three: the start of the week, not the minute each was proposed.
    expect(new Set(stored.map((r) => r.at)).size).toBe(1);
    // Nothing that names a person was written in the same transaction as an anonymous idea.
    const xmins = stored.map((r) => r.xmin);
    const named = await rows<{ source: string }>(sql`
      select 'receipt' as source from pulse_receipts where xmin::text in ${xmins}
      union all select 'vote' from idea_votes where xmin::text in ${xmins}
      union all select 'session' from sessions where xmin::text in ${xmins}
      union all select 'user' from users where xmin::text in ${xmins}`);
    expect(named).toEqual([]);
  });
});
