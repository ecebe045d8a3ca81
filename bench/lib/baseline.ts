/**
 * The baselines every workload is measured beside: a bare Fastify app (no plugins, no auth, no
 * schemas) whose routes do only the database work, through the raw driver.
 *
 *   GET  /const/:name          the bytes of a real API response, as a constant (W2 a)
 *   GET  /raw/trends           the team's rollup rows for the range, one indexed query (W2 b)
 *   GET  /replay/:name         every query the API sent for one request, replayed as sent (W2 b2)
 *   POST /raw/pulse            receipt insert, team-week rewrite with the response, rollup upsert in
 *                              one transaction, as the API writes them (W1)
 *   GET  /raw/heatmap-naive    the heatmap's figures by GROUP BY over raw responses (W3)
 */
import Fastify from 'fastify';

export type Row = Record<string, unknown>;
export type Query = (text: string, params?: unknown[]) => Promise<Row[]>;

export interface RawDb {
  kind: 'postgres' | 'pglite';
  query(text: string, params?: unknown[], options?: { prepare?: boolean }): Promise<Row[]>;
  tx<T>(fn: (query: Query) => Promise<T>): Promise<T>;
}

const ITEMS = ['energy', 'autonomy', 'voice', 'growth', 'trust'] as const;

export const RAW_TRENDS_SQL = `select * from team_week_stats
  where org_id = $1 and team_id = $2 and week >= $3 and week <= $4 order by week`;

/** What a heatmap is without rollups: every response of the org's range, grouped. */
export const NAIVE_HEATMAP_SQL = `select t.id as "teamId", t.name, r.week, coalesce(r.n, 0) as n,
    case when r.n >= $4 then r.mean end as value
  from teams t
  left join (
    select team_id, week, count(*)::int as n,
      avg(5 * ((energy - 1) + (autonomy - 1) + (voice - 1) + (growth - 1) + (trust - 1)))::float8
        as mean
    from pulse_responses
    where org_id = $1 and week >= $2 and week <= $3
    group by team_id, week
  ) r on r.team_id = t.id
  where t.org_id = $1
  order by t.name, r.week`;

const RECEIPT_SQL = `insert into pulse_receipts (org_id, team_id, week, user_id)
  values ($1, $2, $3, $4) on conflict do nothing returning user_id`;
// The API's pulse repository: lock the team-week, then rewrite its responses in random order.
const LOCK_SQL = `select pg_advisory_xact_lock(${0x4c57_0001}, hashtext($1::text || '/' || $2::text))`;
const RESPONSE_SQL = `with previous as (
    delete from pulse_responses where team_id = $2 and week = $3
    returning org_id, team_id, week, energy, autonomy, voice, growth, trust, enps, comment
  ), week_responses as (
    select * from previous
    union all
    select $1::text, $2::text, $3::text, $4::smallint, $5::smallint, $6::smallint, $7::smallint,
      $8::smallint, $9::smallint, $10::text
  )
  insert into pulse_responses
    (id, org_id, team_id, week, energy, autonomy, voice, growth, trust, enps, comment)
  select gen_random_uuid()::text, org_id, team_id, week, energy, autonomy, voice, growth, trust,
    enps, comment
  from week_responses
  order by random()`;
const ROLLUP_SQL = `insert into team_week_stats (org_id, team_id, week, n, sum_index, sum_sq_index,
    energy_sum, autonomy_sum, voice_sum, growth_sum, trust_sum, promoters, detractors)
  values ($1, $2, $3, 1, $4, $5, $6, $7, $8, $9, $10, $11, $12)
  on conflict (team_id, week) do update set
    n = team_week_stats.n + excluded.n,
    sum_index = team_week_stats.sum_index + excluded.sum_index,
    sum_sq_index = team_week_stats.sum_sq_index + excluded.sum_sq_index,
    energy_sum = team_week_stats.energy_sum + excluded.energy_sum,
    autonomy_sum = team_week_stats.autonomy_sum + excluded.autonomy_sum,
    voice_sum = team_week_stats.voice_sum + excluded.voice_sum,
    growth_sum = team_week_stats.growth_sum + excluded.growth_sum,
    trust_sum = team_week_stats.trust_sum + excluded.trust_sum,
    promoters = team_week_stats.promoters + excluded.promoters,
    detractors = team_week_stats.detractors + excluded.detractors`;

class Duplicate extends Error {}

export async function buildBaseline(db: RawDb) {
  const app = Fastify({ logger: false });
  const constants = new Map<string, Buffer>();
  const replays = new Map<string, { query: string; params: unknown[] }[]>();

  app.get<{ Params: { name: string } }>('/const/:name', async (request, reply) => {
    const body = constants.get(request.params.name);
    if (!body) return reply.code(404).send();
    return reply.type('application/json; charset=utf-8').send(body);
  });

  app.get<{ Querystring: Record<string, string> }>('/raw/trends', async (request) => {
    const q = request.query;
    return db.query(RAW_TRENDS_SQL, [q.orgId, q.teamId, q.from, q.to]);
  });

  app.get<{ Params: { name: string } }>('/replay/:name', async (request, reply) => {
    const queries = replays.get(request.params.name);
    if (!queries) return reply.code(404).send();
    let rows = 0;
    // As Drizzle sends them: unprepared, one after the other.
    for (const q of queries) rows += (await db.query(q.query, q.params, { prepare: false })).length;
    return { rows };
  });

  app.post<{
    Body: {
      orgId: string;
      teamId: string;
      week: string;
      userId: string;
      answers: Record<(typeof ITEMS)[number] | 'enps', number>;
      comment?: string;
    };
  }>('/raw/pulse', async (request, reply) => {
    const { orgId, teamId, week, userId, answers: a, comment } = request.body;
    let sum = 0;
    for (const item of ITEMS) sum += a[item] - 1;
    const index = 5 * sum;
    try {
      await db.tx(async (query) => {
        const receipt = await query(RECEIPT_SQL, [orgId, teamId, week, userId]);
        if (receipt.length !== 1) throw new Duplicate();
        await query(LOCK_SQL, [teamId, week]);
        await query(RESPONSE_SQL, [
          orgId,
          teamId,
          week,
          a.energy,
          a.autonomy,
          a.voice,
          a.growth,
          a.trust,
          a.enps,
          comment ?? null,
        ]);
        await query(ROLLUP_SQL, [
          orgId,
          teamId,
          week,
          index,
          index * index,
          a.energy - 1,
          a.autonomy - 1,
          a.voice - 1,
          a.growth - 1,
          a.trust - 1,
          a.enps >= 9 ? 1 : 0,
          a.enps <= 6 ? 1 : 0,
        ]);
      });
    } catch (error) {
      if (error instanceof Duplicate) return reply.code(409).send({ duplicate: true });
      throw error;
    }
    return reply.code(201).send({ answered: true });
  });

  app.get<{ Querystring: Record<string, string> }>('/raw/heatmap-naive', async (request) => {
    const q = request.query;
    return db.query(NAIVE_HEATMAP_SQL, [q.orgId, q.from, q.to, Number(q.k ?? 5)]);
  });

  await app.ready();
  return {
    app,
    setConstant: (name: string, body: string) => {
      constants.set(name, Buffer.from(body));
    },
    setReplay: (name: string, queries: { query: string; params: unknown[] }[]) => {
      replays.set(name, queries);
    },
  };
}
