/**
 * API benchmarks, each workload beside its baseline, alternating, several rounds:
 *
 *   pnpm bench [--rounds 3] [--duration 8] [--connections 50] [--w1-requests 2000]
 *              [--w3-requests 10] [--only w1,w2,w3,w4] [--no-postgres] [--no-pglite]
 *              [--no-profile] [--database-url postgres://postgres@127.0.0.1:5432/leeway_bench]
 *              [--pglite-dir bench/data/pglite] [--pglite-teams 50] [--pglite-weeks 16]
 *              [--port P] [--out bench/results/latest.json]
 *   pnpm bench --report bench/results/latest.json   (reprint the tables of an earlier run)
 *
 * PostgreSQL data comes from `pnpm bench:data` (run it first); the PGlite folder is generated
 * on first use. Servers run in child processes (bench/lib/server.ts), the load generator here.
 * See docs/benchmarks.md for what each workload and baseline is, and the figures measured.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import { addWeeks, weekOf } from '../packages/domain/src/weeks.ts';
import { freePort } from '../scripts/free-port.mjs';
import { DEFAULT_DATABASE_URL, generate } from './data.ts';
import { flagsOf } from './lib/args.ts';
import {
  load,
  openLoop,
  post,
  type RunResult,
  type SequentialResult,
  sequential,
  timedGet,
} from './lib/load.ts';
import { type ServerProcess, startBenchServer } from './lib/proc.ts';
import { formatSummary, summarize } from './lib/profile.ts';
import { rng } from './lib/rng.ts';
import { signInEveryone } from './lib/sessions.ts';
import { fmt, fmtSpread, type Spread, spread } from './lib/stats.ts';

const f = flagsOf();
const opts = {
  databaseUrl: f.string('database-url', process.env.BENCH_DATABASE_URL ?? DEFAULT_DATABASE_URL),
  pgliteDir: resolve(f.string('pglite-dir', 'bench/data/pglite')),
  pgliteTeams: f.int('pglite-teams', 50, 1),
  pgliteWeeks: f.int('pglite-weeks', 16, 1),
  pgliteSize: f.int('pglite-size', 8, 3),
  rounds: f.int('rounds', 3, 1),
  duration: f.number('duration', 8),
  connections: f.int('connections', 50, 1),
  w1Requests: f.int('w1-requests', 2000, 1),
  w3Requests: f.int('w3-requests', 10, 1),
  only: new Set(f.string('only', 'w1,w2,w3,w4').split(',')),
  postgres: f.bool('postgres', true),
  pglite: f.bool('pglite', true),
  profile: f.bool('profile', true),
  /** Fixed ports (API, baseline; PGlite +2, +3); free ones when not given. */
  port: f.optionalString('port') === undefined ? undefined : f.int('port', 3310, 1024),
  out: resolve(f.string('out', 'bench/results/latest.json')),
  report: f.optionalString('report'),
};
f.done();

const resultsDir = dirname(opts.out);
const profilesDir = resolve(resultsDir, 'profiles');
mkdirSync(profilesDir, { recursive: true });
const log = (line: string) => process.stderr.write(`${line}\n`);
const JWT_SECRET = randomBytes(48).toString('base64url');

// Results -----------------------------------------------------------------------------------------
interface TargetCheck {
  id: string;
  target: string;
  measured: string;
  pass: boolean | null;
}
interface BackendReport {
  backend: 'postgres' | 'pglite';
  dataset: Record<string, unknown>;
  runs: Record<string, Record<string, unknown>[]>;
  summary: Record<string, Record<string, Spread | number | string | null>>;
  isolated: Record<string, unknown>;
  profiles: Record<string, unknown>;
  explain: Record<string, unknown>;
  checks: Record<string, unknown>;
  targets: TargetCheck[];
  rssMaxMb: number;
  minutes: number;
}

// One backend -------------------------------------------------------------------------------------
type Kind = 'postgres' | 'pglite';
type Auth = Record<string, string>;
type ServerStats = Record<string, any> & { servedRps: number; served: number };

/** The API and its baselines for one backend (on PGlite one process serves both). */
interface Servers {
  api: ServerProcess;
  base: ServerProcess;
  API: string;
  BASE: string;
}

/** The benchmark org in the backend's database, and the sessions its people call with. */
interface Dataset {
  orgId: string;
  anchor: string;
  from: string;
  to: string;
  current: string;
  summary: Record<string, unknown>;
}

interface People {
  adminAuth: Auth;
  leads: { teamId: string; auth: string }[];
  members: { userId: string; teamId: string; auth: string; apiBody: string; rawBody: string }[];
}

/** Everything a workload needs: servers, data, people, URLs, and the meter that records it. */
interface Bench extends Servers, People {
  kind: Kind;
  data: Dataset;
  trendsQuery: string;
  heatmapUrl: string;
  naiveUrl: string;
  meter: Meter;
}

async function startServers(kind: Kind): Promise<Servers> {
  const apiPort =
    opts.port === undefined ? await freePort() : opts.port + (kind === 'pglite' ? 2 : 0);
  const basePort = opts.port === undefined ? await freePort() : apiPort + 1;
  const common = {
    port: apiPort,
    baselinePort: basePort,
    jwtSecret: JWT_SECRET,
    database: kind === 'postgres' ? { url: opts.databaseUrl } : { dataDir: opts.pgliteDir },
  };
  // PGlite allows one opener: there, one process serves the API and the baselines.
  const api = await startBenchServer(`api (${kind})`, {
    ...common,
    mode: kind === 'postgres' ? 'api' : 'both',
  });
  const base =
    kind === 'postgres'
      ? await startBenchServer('baseline (postgres)', { ...common, mode: 'baseline' })
      : api;
  return { api, base, API: `http://127.0.0.1:${apiPort}`, BASE: `http://127.0.0.1:${basePort}` };
}

async function loadDataset(api: ServerProcess, kind: Kind): Promise<Dataset> {
  const meta = new Map(
    (
      await api
        .sql<{ key: string; value: string }>('select key, value from bench_meta')
        .catch(() => {
          throw new Error(
            `${kind}: no benchmark data (bench_meta missing). Run \`pnpm bench:data\` first.`,
          );
        })
    ).map((r) => [r.key, r.value]),
  );
  const anchor = meta.get('anchor_week')!;
  const [org] = await api.sql<{ id: string }>(`select id from orgs where name = 'Bench Corp'`);
  const orgId = org!.id;
  const [prog] = await api.sql<{ weeks: number; teams: string }>(
    `select min(weeks) as weeks, count(*)::text as teams from bench_progress where org_key = 'main'`,
  );
  const weeks = Number(prog!.weeks);
  const from = addWeeks(anchor, -weeks);
  const to = addWeeks(anchor, -1);
  const current = weekOf(new Date(), 'UTC');
  const counts = (
    await api.sql<Record<string, string>>(
      `select (select count(*) from teams where org_id = $1)::text as teams,
              (select count(*) from users where org_id = $1)::text as users,
              (select count(*) from pulse_responses)::text as responses,
              (select count(*) from team_week_stats where org_id = $1)::text as rollups,
              (select count(*) from experiments where org_id = $1)::text as experiments`,
      [orgId],
    )
  )[0]!;
  const [version] = await api.sql<{ v: string }>('select version() as v');
  const summary = {
    teams: Number(counts.teams),
    weeks,
    range: `${from}..${to}`,
    currentWeek: current,
    users: Number(counts.users),
    responses: Number(counts.responses),
    rollups: Number(counts.rollups),
    experiments: Number(counts.experiments),
    database: version!.v.split(' on ')[0],
  };
  log(
    `data: ${summary.teams} teams × ${weeks} weeks (${summary.range}), ${fmt(summary.responses)} responses, current week ${current}`,
  );
  if (current !== anchor) {
    log(`note: data was generated in ${anchor}; W1 writes into ${current}.`);
  }
  return { orgId, anchor, from, to, current, summary };
}

/** Everyone of the org signed in; the leads and members the workloads call as. */
async function signInPeople(api: ServerProcess, kind: Kind, data: Dataset): Promise<People> {
  const { orgId, current } = data;
  const people = await signInEveryone(api, orgId, JWT_SECRET, 2 * 86_400);
  const admin = people.find((p) => p.role === 'admin')!;
  const leads = people
    .filter((p) => p.leadTeam)
    .slice(0, 200)
    .map((p) => ({ teamId: p.leadTeam!, auth: p.auth }));
  const r = rng('bench', kind);
  const members = r.shuffle(
    people
      .filter((p) => p.memberTeam)
      .map((p) => {
        const answer = () => r.int(1, 5);
        const answers = {
          energy: answer(),
          autonomy: answer(),
          voice: answer(),
          growth: answer(),
          trust: answer(),
          enps: r.int(0, 10),
        };
        const comment = r.chance(0.15) ? 'Benchmark comment.' : undefined;
        return {
          userId: p.id,
          teamId: p.memberTeam!,
          auth: p.auth,
          apiBody: JSON.stringify({
            pulseId: `${p.memberTeam}:${current}`,
            answers,
            ...(comment ? { comment } : {}),
          }),
          rawBody: JSON.stringify({
            orgId,
            teamId: p.memberTeam,
            week: current,
            userId: p.id,
            answers,
            ...(comment ? { comment } : {}),
          }),
        };
      }),
  );
  log(
    `sessions: ${new Set(people.map((p) => p.id)).size} (${members.length} members, ${leads.length} leads used)`,
  );
  return { adminAuth: { authorization: admin.auth }, leads, members };
}

/** Runs of each workload, and the server probes around each run. */
interface Meter {
  runs: Record<string, Record<string, unknown>[]>;
  record(key: string, round: number, result: object, server?: ServerStats): void;
  /** Waits until both servers have answered everything they received. */
  idle(): Promise<{ drainMs: number; quietMs: number }>;
  /** Runs `fn` and returns the probes of the process that served it (the API or the baseline). */
  withStats<T>(
    fn: () => Promise<T>,
    servedBy?: 'api' | 'base',
  ): Promise<{ result: T; server: ServerStats }>;
}

function meterOf({ api, base }: Servers): Meter {
  const runs: Meter['runs'] = {};
  const idle = async () => {
    type Idle = { waitedMs: number; quietMs: number };
    const [a, b] = await Promise.all([
      api.call<Idle>('wait-idle'),
      base === api ? null : base.call<Idle>('wait-idle'),
    ]);
    return {
      // Time the servers were still answering after the load generator stopped.
      drainMs: Math.max(a.waitedMs - a.quietMs, b ? b.waitedMs - b.quietMs : 0, 0),
      quietMs: Math.min(a.quietMs, b?.quietMs ?? a.quietMs),
    };
  };
  return {
    runs,
    idle,
    record(key, round, result, server) {
      const list = runs[key] ?? [];
      runs[key] = list;
      const r = result as { rps?: number };
      const throughput =
        key.startsWith('w2.') && r.rps !== undefined && server?.servedRps !== undefined
          ? { rps: server.servedRps, clientRps: r.rps }
          : {};
      list.push({ round, ...result, ...throughput, ...(server ? { server } : {}) });
    },
    async withStats(fn, servedBy = 'api') {
      await idle();
      await api.call('stats-reset');
      if (base !== api) await base.call('stats-reset');
      const t = performance.now();
      const result = await fn();
      const { drainMs, quietMs } = await idle();
      const seconds = (performance.now() - t - quietMs) / 1000;
      const apiStats = await api.call('stats');
      const baseStats = base === api ? null : await base.call('stats');
      const stats = servedBy === 'base' && baseStats ? baseStats : apiStats;
      const baseServed =
        servedBy === 'base' && baseStats ? apiStats.served : (baseStats?.served ?? 0);
      // Throughput as the servers saw it: everything they answered from the first request until
      // the queue the load generator left behind had drained (a closed loop that stops mid-queue
      // would otherwise under-count a slow endpoint and over-count nothing).
      const servedRps = (stats.served + baseServed) / seconds;
      const server = { ...stats, baseServed, servedRps, drainMs, load1: os.loadavg()[0] };
      return { result, server };
    },
  };
}

const PULSE_TABLES = ['pulse_receipts', 'pulse_responses', 'team_week_stats'];

/** Removes every answer of the current week (W1 writes into it). */
async function resetWeek(b: Bench) {
  for (const table of PULSE_TABLES) {
    await b.api.sql(`delete from ${table} where org_id = $1 and week >= $2`, [
      b.data.orgId,
      b.data.anchor,
    ]);
  }
}

async function countWeek(b: Bench) {
  const [c] = await b.api.sql<Record<string, string>>(
    `select (select count(*) from pulse_receipts where org_id = $1 and week = $2)::text as receipts,
            (select count(*) from pulse_responses where org_id = $1 and week = $2)::text as responses,
            (select coalesce(sum(n), 0) from team_week_stats where org_id = $1 and week = $2)::text as rollup`,
    [b.data.orgId, b.data.current],
  );
  return {
    receipts: Number(c!.receipts),
    responses: Number(c!.responses),
    rollup: Number(c!.rollup),
  };
}

// Workloads ---------------------------------------------------------------------------------------

/** W1: pulse submissions, through the API or the raw transaction; every 201 must be stored. */
async function w1(
  b: Bench,
  target: 'api' | 'raw',
  amount = Math.min(opts.w1Requests, b.members.length),
) {
  await resetWeek(b);
  const before = await countWeek(b);
  let i = 0;
  const result = await load({
    url: target === 'api' ? `${b.API}/api/pulse/responses` : `${b.BASE}/raw/pulse`,
    connections: Math.min(opts.connections, amount),
    amount,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    next: () => {
      const m = b.members[i++ % b.members.length]!;
      return target === 'api'
        ? { headers: { authorization: m.auth }, body: m.apiBody }
        : { body: m.rawBody };
    },
  });
  await b.meter.idle();
  const after = await countWeek(b);
  const created = result.status['201'] ?? 0;
  const added = {
    receipts: after.receipts - before.receipts,
    responses: after.responses - before.responses,
    rollup: after.rollup - before.rollup,
  };
  const lost =
    Math.abs(added.receipts - created) +
    Math.abs(added.responses - created) +
    Math.abs(added.rollup - created);
  return { ...result, created, added, lost };
}

type W2Target = 'api' | 'const' | 'raw' | 'replay';

/** W2: a lead's team trends, from the API and from each baseline. */
function w2(b: Bench, target: W2Target): Promise<RunResult> {
  const { API, BASE, leads, trendsQuery } = b;
  const run = { connections: opts.connections, duration: opts.duration };
  let i = 0;
  switch (target) {
    case 'api':
      return load({
        ...run,
        url: `${API}/api/teams/${leads[0]!.teamId}/trends?${trendsQuery}`,
        next: () => {
          const l = leads[i++ % leads.length]!;
          return {
            path: `/api/teams/${l.teamId}/trends?${trendsQuery}`,
            headers: { authorization: l.auth },
          };
        },
      });
    case 'const':
      return load({ ...run, url: `${BASE}/const/trends` });
    case 'raw':
      return load({
        ...run,
        url: `${BASE}/raw/trends?orgId=${b.data.orgId}&teamId=${leads[0]!.teamId}&${trendsQuery}`,
        next: () => ({
          path: `/raw/trends?orgId=${b.data.orgId}&teamId=${leads[i++ % leads.length]!.teamId}&${trendsQuery}`,
        }),
      });
    case 'replay':
      return load({ ...run, url: `${BASE}/replay/trends` });
  }
}

/** W3: HR heatmaps one at a time, from the API or the naive query. */
const w3 = (b: Bench, target: 'api' | 'naive', requests = opts.w3Requests) =>
  target === 'api'
    ? sequential(b.heatmapUrl, b.adminAuth, requests)
    : sequential(b.naiveUrl, {}, requests);

/** W4: W2 against the API while heatmaps run back to back on another connection. */
async function w4(b: Bench) {
  let stop = false;
  const heatLoop = sequential(b.heatmapUrl, b.adminAuth, 0, () => stop);
  const trends = await w2(b, 'api');
  stop = true;
  return { trends, heatmap: await heatLoop };
}

// Checks and plans --------------------------------------------------------------------------------

interface CapturedQuery {
  query: string;
  params: unknown[];
}

/**
 * Constant bytes and replayed SQL for the baselines, from one trends request; the API's heatmap
 * against the naive GROUP BY. Returns the SQL the two requests sent.
 */
async function checkFigures(b: Bench) {
  const { api, base, leads, trendsQuery } = b;
  const checks: Record<string, unknown> = {};
  const lead0 = leads[0]!;
  await api.call('capture-start');
  const trendsRes = await timedGet(
    `${b.API}/api/teams/${lead0.teamId}/trends?${trendsQuery}`,
    { authorization: lead0.auth },
    true,
  );
  const trendsQueries = await api.call<CapturedQuery[]>('capture-stop');
  if (trendsRes.status !== 200)
    throw new Error(`trends: HTTP ${trendsRes.status} ${trendsRes.body}`);
  await base.call('set-constant', { name: 'trends', body: trendsRes.body });
  await base.call('set-replay', { name: 'trends', queries: trendsQueries });
  checks.trends = { bytes: trendsRes.bytes, queries: trendsQueries.length };

  await api.call('capture-start');
  const heat = await timedGet(b.heatmapUrl, b.adminAuth, true);
  const heatQueries = await api.call<CapturedQuery[]>('capture-stop');
  if (heat.status !== 200)
    throw new Error(`heatmap: HTTP ${heat.status} ${heat.body?.slice(0, 300)}`);
  const naive = await timedGet(b.naiveUrl, {}, true);
  checks.heatmap = {
    ...sameFigures(JSON.parse(heat.body!), JSON.parse(naive.body!)),
    bytes: heat.bytes,
    naiveBytes: naive.bytes,
    queries: heatQueries.length,
  };
  log(`checks: ${JSON.stringify(checks)}`);
  return { checks, queries: { trends: trendsQueries, heatmap: heatQueries } };
}

/** EXPLAIN ANALYZE of every read the two GETs sent, and of the naive heatmap (PostgreSQL and PGlite alike). */
async function explainQueries(b: Bench, queries: Record<'trends' | 'heatmap', CapturedQuery[]>) {
  const explain: Record<string, unknown> = {};
  const explainText: string[] = [];
  for (const [name, list] of Object.entries(queries)) {
    const plans: { sql: string; ms: number; rows: string }[] = [];
    for (const q of list) {
      if (!/^\s*(select|with)/i.test(q.query)) continue;
      const plan = await b.api
        .sql<Record<string, string>>(`explain (analyze, buffers) ${q.query}`, q.params)
        .catch((e: Error) => [{ 'QUERY PLAN': `explain failed: ${e.message}` }]);
      const lines = plan.map((p) => Object.values(p)[0]!);
      const exec = /Execution Time: ([\d.]+)/.exec(lines.join('\n'));
      const planning = /Planning Time: ([\d.]+)/.exec(lines.join('\n'));
      plans.push({
        sql: q.query.replace(/\s+/g, ' ').slice(0, 140),
        ms: Number(exec?.[1] ?? Number.NaN) + Number(planning?.[1] ?? 0),
        rows: /actual time=[\d.]+\.\.[\d.]+ rows=(\d+)/.exec(lines[0] ?? '')?.[1] ?? '?',
      });
      explainText.push(
        `-- ${name}\n${q.query}\n-- params: ${JSON.stringify(q.params).slice(0, 300)}\n${lines.join('\n')}\n`,
      );
    }
    explain[name] = plans;
  }
  const { NAIVE_HEATMAP_SQL } = await import('./lib/baseline.ts');
  const naivePlan = await b.api.sql<Record<string, string>>(
    `explain (analyze, buffers) ${NAIVE_HEATMAP_SQL}`,
    [b.data.orgId, b.data.from, b.data.to, 5],
  );
  const naiveLines = naivePlan.map((p) => Object.values(p)[0]!);
  explain.naiveHeatmapMs = Number(/Execution Time: ([\d.]+)/.exec(naiveLines.join('\n'))?.[1]);
  explainText.push(`-- naive heatmap\n${naiveLines.join('\n')}\n`);
  writeFileSync(resolve(resultsDir, `explain-${b.kind}.txt`), explainText.join('\n'));
  return explain;
}

async function warmUp(b: Bench) {
  log('warm-up…');
  const duration = 2;
  const lead0 = b.leads[0]!;
  if (opts.only.has('w1')) {
    await w1(b, 'api', Math.min(200, b.members.length));
    await w1(b, 'raw', Math.min(200, b.members.length));
  }
  if (opts.only.has('w2') || opts.only.has('w4')) {
    for (const path of [
      `/raw/trends?orgId=${b.data.orgId}&teamId=${lead0.teamId}&${b.trendsQuery}`,
      '/const/trends',
      '/replay/trends',
    ]) {
      await load({ url: `${b.BASE}${path}`, connections: 10, duration });
      await b.meter.idle();
    }
    await load({
      url: `${b.API}/api/teams/${lead0.teamId}/trends?${b.trendsQuery}`,
      connections: 10,
      duration,
      headers: { authorization: lead0.auth },
    });
  }
  if (opts.only.has('w3') || opts.only.has('w4')) {
    await w3(b, 'api', 2);
    await w3(b, 'naive', 2);
  }
}

// Rounds: every workload beside its baseline, order alternating -----------------------------------

async function roundW1(b: Bench, round: number) {
  const flip = round % 2 === 0;
  for (const target of flip ? (['raw', 'api'] as const) : (['api', 'raw'] as const)) {
    const { result, server } = await b.meter.withStats(
      () => w1(b, target),
      target === 'api' ? 'api' : 'base',
    );
    b.meter.record(`w1.${target}`, round, result, server);
    log(
      `  W1 ${target.padEnd(7)} ${fmt(result.rps).padStart(6)} req/s  p99 ${fmt(result.p99)} ms  201s ${result.created}  lost ${result.lost}`,
    );
  }
}

/** W2 against each target in rotating order (the API alone when only W4 runs); the API's run. */
async function roundW2(b: Bench, round: number): Promise<RunResult | null> {
  let alone: RunResult | null = null;
  const order = ['api', 'const', 'raw', 'replay'] as const;
  const rotated = [...order.slice(round % 4), ...order.slice(0, round % 4)];
  for (const target of opts.only.has('w2') ? rotated : (['api'] as const)) {
    const { result, server } = await b.meter.withStats(
      () => w2(b, target),
      target === 'api' ? 'api' : 'base',
    );
    b.meter.record(`w2.${target}`, round, result, server);
    if (target === 'api') alone = result;
    log(
      `  W2 ${target.padEnd(7)} ${fmt(server.servedRps).padStart(6)} req/s (client saw ${fmt(result.rps)})  p50 ${fmt(result.p50)} ms  p99 ${fmt(result.p99)} ms  non-2xx ${Object.entries(
        result.status,
      )
        .filter(([c]) => !c.startsWith('2'))
        .reduce((a, [, n]) => a + n, 0)}`,
    );
  }
  return alone;
}

async function roundW3(b: Bench, round: number) {
  const flip = round % 2 === 0;
  for (const target of flip ? (['naive', 'api'] as const) : (['api', 'naive'] as const)) {
    const { result, server } = await b.meter.withStats(
      () => w3(b, target),
      target === 'api' ? 'api' : 'base',
    );
    const { latencies, ...rest } = result;
    b.meter.record(
      `w3.${target}`,
      round,
      { ...rest, latencies: latencies.map((x) => Math.round(x * 10) / 10) },
      server,
    );
    log(
      `  W3 ${target.padEnd(7)} p50 ${fmt(result.p50)} ms  p95 ${fmt(result.p95)} ms  max ${fmt(result.max)} ms  (${fmt(result.bytes / 1e6, 1)} MB)`,
    );
  }
}

async function roundW4(b: Bench, round: number, w2Alone: RunResult | null) {
  const { result, server } = await b.meter.withStats(() => w4(b));
  const { latencies: _l, ...heatmap } = result.heatmap;
  b.meter.record(
    'w4',
    round,
    { ...result.trends, heatmap, w2AloneP99: w2Alone?.p99 ?? null },
    server,
  );
  log(
    `  W4 trends ${fmt(result.trends.rps).padStart(6)} req/s  p99 ${fmt(result.trends.p99)} ms (alone ${fmt(w2Alone?.p99 ?? Number.NaN)} ms) with ${result.heatmap.requests} heatmaps (p50 ${fmt(result.heatmap.p50)} ms)`,
  );
}

async function runRounds(b: Bench) {
  for (let round = 1; round <= opts.rounds; round++) {
    log(`round ${round}/${opts.rounds}`);
    if (opts.only.has('w1')) await roundW1(b, round);
    const w2Alone = opts.only.has('w2') || opts.only.has('w4') ? await roundW2(b, round) : null;
    if (opts.only.has('w3')) await roundW3(b, round);
    if (opts.only.has('w4')) await roundW4(b, round, w2Alone);
  }
}

/** W2 at a fixed rate (open loop): latency without the queueing of a saturated closed loop. */
async function w2AtFixedRate(b: Bench): Promise<Record<string, unknown>> {
  if (!opts.only.has('w2')) return {};
  const maxRps = spread((b.meter.runs['w2.api'] ?? []).map((x) => Number(x.rps))).median;
  const rate = Math.max(1, Math.round(maxRps * 0.5));
  const { result, server } = await b.meter.withStats(() => {
    let i = 0;
    return openLoop(
      () => {
        const l = b.leads[i++ % b.leads.length]!;
        return {
          url: `${b.API}/api/teams/${l.teamId}/trends?${b.trendsQuery}`,
          headers: { authorization: l.auth },
        };
      },
      rate,
      opts.duration,
      opts.connections,
    );
  });
  log(
    `  W2 api at ${rate} req/s (half its max): p50 ${fmt(result.p50)} ms  p99 ${fmt(result.p99)} ms`,
  );
  return { rate, ...result, server };
}

/** One request at a time: the longest the event loop was blocked by any single request. */
async function oneAtATime(b: Bench) {
  const isolated: Record<string, unknown> = {};
  const isolate = async (
    name: string,
    fn: () => Promise<{ p50: number; max: number } | undefined>,
  ) => {
    const { result, server } = await b.meter.withStats(fn);
    isolated[name] = { ...server, latencyP50: result?.p50, latencyMax: result?.max };
    log(
      `  isolated ${name.padEnd(8)} event loop blocked ≤ ${fmt(server.eldMaxMs, 1)} ms; latency p50 ${fmt(result?.p50 ?? Number.NaN)} ms, max ${fmt(result?.max ?? Number.NaN)} ms`,
    );
  };
  const lead0 = b.leads[0]!;
  log('one request at a time (event-loop delay):');
  await isolate('trends', () =>
    sequential(
      `${b.API}/api/teams/${lead0.teamId}/trends?${b.trendsQuery}`,
      { authorization: lead0.auth },
      10,
    ),
  );
  await isolate('heatmap', () => w3(b, 'api', 5));
  await resetWeek(b);
  await isolate('submit', async () => {
    const ms: number[] = [];
    for (const m of b.members.slice(0, 10)) {
      ms.push(
        (await post(`${b.API}/api/pulse/responses`, { authorization: m.auth }, m.apiBody)).ms,
      );
    }
    ms.sort((a, c) => a - c);
    return { p50: ms[Math.floor(ms.length / 2)]!, max: ms.at(-1)! };
  });
  await isolate('me', () => sequential(`${b.API}/api/me`, b.adminAuth, 10));
  return isolated;
}

/** CPU profiles of the API, one workload at a time. */
async function profileWorkloads(b: Bench) {
  const profiles: Record<string, unknown> = {};
  if (!opts.profile) return profiles;
  const profile = async (name: string, fn: () => Promise<unknown>) => {
    const file = resolve(profilesDir, `${b.kind}-${name}.cpuprofile`);
    await b.meter.idle();
    await b.api.call('profile-start');
    await fn();
    await b.meter.idle();
    await b.api.call('profile-stop', { file });
    const s = summarize(JSON.parse(readFileSync(file, 'utf8')), 12);
    profiles[name] = { file: file.replace(`${process.cwd()}/`, ''), ...s };
    log(formatSummary(`profile ${b.kind} ${name}`, s));
  };
  log('profiles…');
  if (opts.only.has('w1'))
    await profile('w1', () => w1(b, 'api', Math.min(1000, b.members.length)));
  if (opts.only.has('w2')) {
    const lead0 = b.leads[0]!;
    await profile('w2', () =>
      load({
        url: `${b.API}/api/teams/${lead0.teamId}/trends?${b.trendsQuery}`,
        connections: opts.connections,
        duration: Math.min(5, opts.duration),
        headers: { authorization: lead0.auth },
      }),
    );
  }
  if (opts.only.has('w3')) await profile('w3', () => w3(b, 'api', 5));
  return profiles;
}

async function prepareData(kind: Kind) {
  if (kind === 'pglite') {
    log(`\n== PGlite: ${opts.pgliteDir}`);
    await generate({
      pglite: opts.pgliteDir,
      teams: opts.pgliteTeams,
      weeks: opts.pgliteWeeks,
      size: opts.pgliteSize,
      seed: '1',
      smallOrgs: 1,
      batch: 25,
      reset: false,
      verify: true,
    });
  } else {
    log(`\n== PostgreSQL: ${opts.databaseUrl}`);
  }
}

async function runBackend(kind: Kind): Promise<BackendReport> {
  const t0 = performance.now();
  await prepareData(kind);
  const servers = await startServers(kind);
  log(
    `api pid ${servers.api.pid} on ${servers.API}; baseline pid ${servers.base.pid} on ${servers.BASE}`,
  );
  try {
    const data = await loadDataset(servers.api, kind);
    const people = await signInPeople(servers.api, kind, data);
    const trendsQuery = `from=${data.from}&to=${data.to}`;
    const b: Bench = {
      kind,
      ...servers,
      ...people,
      data,
      trendsQuery,
      heatmapUrl: `${servers.API}/api/org/heatmap?${trendsQuery}&metric=engagement`,
      naiveUrl: `${servers.BASE}/raw/heatmap-naive?orgId=${data.orgId}&${trendsQuery}&k=5`,
      meter: meterOf(servers),
    };

    const { checks, queries } = await checkFigures(b);
    const explain = await explainQueries(b, queries);
    await warmUp(b);
    await runRounds(b);
    const fixed = await w2AtFixedRate(b);
    const isolated = await oneAtATime(b);
    const profiles = await profileWorkloads(b);
    await resetWeek(b);

    const apiStats = await servers.api.call('stats');
    const report: BackendReport = {
      backend: kind,
      dataset: data.summary,
      runs: b.meter.runs,
      summary: summarise(b.meter.runs, fixed),
      isolated,
      profiles,
      explain,
      checks,
      targets: [],
      rssMaxMb: apiStats.rssRunMaxMb,
      minutes: (performance.now() - t0) / 60000,
    };
    report.targets = targetsOf(report);
    return report;
  } finally {
    await servers.api.stop();
    if (servers.base !== servers.api) await servers.base.stop();
  }
}

/** API heatmap cells vs the naive GROUP BY: every value the API shows must match it. */
function sameFigures(heatmap: any, naiveRows: any[]) {
  const naive = new Map<string, { n: number; value: number | null }>();
  for (const row of naiveRows) {
    if (row.week) naive.set(`${row.teamId}|${row.week}`, { n: Number(row.n), value: row.value });
  }
  let compared = 0;
  let mismatched = 0;
  let countMismatched = 0;
  let hiddenByComplement = 0;
  for (const team of heatmap.teams) {
    for (const cell of team.cells) {
      const other = naive.get(`${team.teamId}|${cell.week}`);
      if ((other?.n ?? 0) !== cell.respondents) countMismatched++;
      if (cell.value === null) {
        if (other && other.value !== null) hiddenByComplement++;
        continue;
      }
      compared++;
      if (!other || other.value === null || Math.abs(other.value - cell.value) > 1e-9) mismatched++;
    }
  }
  return { compared, mismatched, countMismatched, hiddenByComplement };
}

function summarise(
  runs: Record<string, Record<string, unknown>[]>,
  fixed: Record<string, unknown>,
) {
  const s = (key: string, field: string) => spread((runs[key] ?? []).map((x) => Number(x[field])));
  const server = (key: string, field: string) =>
    spread((runs[key] ?? []).map((x) => Number((x.server as Record<string, number>)?.[field])));
  const out: Record<string, Record<string, Spread | number | string | null>> = {};
  for (const key of Object.keys(runs)) {
    out[key] = {
      rps: s(key, 'rps'),
      p50: s(key, 'p50'),
      p99: s(key, 'p99'),
      ...(key.startsWith('w3') ? { p95: s(key, 'p95'), max: s(key, 'max') } : {}),
      eldMaxMs: server(key, 'eldMaxMs'),
      rssMaxMb: server(key, 'rssMaxMb'),
      clientCpu: s(key, 'clientCpu'),
      ...(key.startsWith('w1') ? { lost: s(key, 'lost'), created: s(key, 'created') } : {}),
    };
  }
  if (runs.w4) {
    out.w4!.ratio = spread(runs.w4.map((x) => Number(x.p99) / Number(x.w2AloneP99)));
    out.w4!.heatmapP50 = spread(runs.w4.map((x) => Number((x.heatmap as SequentialResult).p50)));
  }
  if (fixed.rate) {
    out['w2.api.fixed-rate'] = {
      rate: Number(fixed.rate),
      p50: Number(fixed.p50),
      p99: Number(fixed.p99),
      rps: Number(fixed.rps),
    };
  }
  return out;
}

function targetsOf(r: BackendReport): TargetCheck[] {
  const S = r.summary;
  const med = (key: string, field: string) =>
    (S[key]?.[field] as Spread | undefined)?.median ?? Number.NaN;
  const out: TargetCheck[] = [];
  const pg = r.backend === 'postgres';
  const check = (id: string, target: string, measured: string, pass: boolean, evaluated = true) =>
    out.push({ id, target, measured, pass: evaluated ? pass : null });
  if (S['w1.api'] && S['w1.raw']) {
    const ratio = med('w1.api', 'rps') / med('w1.raw', 'rps');
    check(
      'W1 throughput',
      '≥ 0.5× raw transaction',
      `${fmtRatio(ratio)}× (${fmt(med('w1.api', 'rps'))} vs ${fmt(med('w1.raw', 'rps'))} req/s)`,
      ratio >= 0.5,
      pg,
    );
    const lost = (r.runs['w1.api'] ?? [])
      .concat(r.runs['w1.raw'] ?? [])
      .reduce((a, x) => a + Number(x.lost), 0);
    const created = (r.runs['w1.api'] ?? []).reduce((a, x) => a + Number(x.created), 0);
    check(
      'W1 lost writes',
      '0',
      `${lost} lost of ${created} API 201s (all rounds, API and raw)`,
      lost === 0,
    );
  }
  if (S['w2.api'] && S['w2.const'] && S['w2.raw']) {
    const slower = Math.min(med('w2.const', 'rps'), med('w2.raw', 'rps'));
    const ratio = med('w2.api', 'rps') / slower;
    check(
      'W2 throughput',
      '≥ 0.8× slower of (a) constant, (b) raw SQL',
      `${fmtRatio(ratio)}× (${fmt(med('w2.api', 'rps'))} vs ${fmt(slower)} req/s)`,
      ratio >= 0.8,
      pg,
    );
    check(
      'W2 p99 @ 50 conn.',
      '≤ 10 ms',
      `${fmt(med('w2.api', 'p99'))} ms`,
      med('w2.api', 'p99') <= 10,
      pg,
    );
  }
  if (S['w3.api'] && S['w3.naive']) {
    const p95 = med('w3.api', 'p95');
    check('W3 heatmap p95', '≤ 150 ms', `${fmt(p95)} ms`, p95 <= 150, pg);
    const speedup = med('w3.naive', 'p50') / med('w3.api', 'p50');
    check(
      'W3 vs naive',
      '≥ 5× faster',
      `${fmt(speedup, 2)}× (p50 ${fmt(med('w3.api', 'p50'))} vs ${fmt(med('w3.naive', 'p50'))} ms)`,
      speedup >= 5,
      pg,
    );
  }
  if (S.w4) {
    const ratio = (S.w4.ratio as Spread).median;
    check(
      'W4 W2 p99 beside W3',
      '≤ 3× W2 alone',
      `${fmt(ratio, 1)}× (${fmt(med('w4', 'p99'))} vs ${fmt(med('w2.api', 'p99'))} ms)`,
      ratio <= 3,
      pg,
    );
  }
  check('API RSS', '≤ 300 MB', `${fmt(r.rssMaxMb)} MB max`, r.rssMaxMb <= 300, pg);
  if (!pg) {
    const iso = Object.entries(r.isolated) as [string, { eldMaxMs: number }][];
    const worst = iso.reduce((a, [n, v]) => (v.eldMaxMs > a.ms ? { name: n, ms: v.eldMaxMs } : a), {
      name: '',
      ms: 0,
    });
    check(
      'PGlite event loop',
      '≤ 300 ms blocked per request',
      `${fmt(worst.ms)} ms (${worst.name}, one request at a time)`,
      worst.ms <= 300,
    );
  }
  return out;
}

// Output ------------------------------------------------------------------------------------------
/** Two decimals, three below 0.1 (so 0.004× does not print as 0.00×). */
const fmtRatio = (x: number) => fmt(x, x < 0.1 ? 3 : 2);

function table(r: BackendReport): string {
  const S = r.summary;
  const driver = r.backend === 'postgres' ? 'postgres.js' : 'PGlite';
  const row = (w: string, target: string, key: string, ratioTo?: string) => {
    const s = S[key];
    if (!s) return null;
    const rps = s.rps as Spread;
    const ratio =
      ratioTo && S[ratioTo] ? `${fmtRatio(rps.median / (S[ratioTo]!.rps as Spread).median)}×` : '';
    const p = key.startsWith('w3') ? (s.p95 as Spread) : (s.p99 as Spread);
    return [
      w.padEnd(18),
      target.padEnd(30),
      (key.startsWith('w3') ? '' : fmtSpread(rps)).padStart(22),
      fmtSpread(s.p50 as Spread).padStart(20),
      fmtSpread(p).padStart(20),
      ratio.padStart(7),
      fmt((s.eldMaxMs as Spread).max).padStart(8),
    ].join(' ');
  };
  const lines = [
    `${'workload'.padEnd(18)} ${'target'.padEnd(30)} ${'req/s'.padStart(22)} ${'p50 ms'.padStart(20)} ${'p99 (W3: p95) ms'.padStart(20)} ${'ratio'.padStart(7)} ${'ELD max'.padStart(8)}`,
    row('W1 pulse submit', 'API', 'w1.api', 'w1.raw'),
    row('', `raw ${driver} transaction`, 'w1.raw'),
    row('W2 team trends', 'API', 'w2.api', 'w2.raw'),
    row('', '(a) constant bytes', 'w2.const'),
    row('', `(b) raw SQL via ${driver}`, 'w2.raw'),
    row('', '(b2) API’s SQL replayed', 'w2.replay'),
    row('W3 heatmap', 'API (1 connection)', 'w3.api'),
    row('', 'naive GROUP BY (1 conn.)', 'w3.naive'),
    row('W4 W2 beside W3', 'API trends, heatmaps looping', 'w4'),
  ].filter((x): x is string => x !== null);
  const fixed = S['w2.api.fixed-rate'];
  if (fixed) {
    lines.push(
      `${'W2 fixed rate'.padEnd(18)} ${`API at ${fixed.rate} req/s (open loop)`.padEnd(30)} ${fmt(Number(fixed.rps)).padStart(22)} ${fmt(Number(fixed.p50)).padStart(20)} ${fmt(Number(fixed.p99)).padStart(20)}`,
    );
  }
  lines.push('', 'targets:');
  for (const t of r.targets) {
    const verdict = t.pass === null ? 'info' : t.pass ? 'PASS' : 'MISS';
    lines.push(`  ${verdict.padEnd(5)} ${t.id.padEnd(20)} ${t.target.padEnd(42)} ${t.measured}`);
  }
  return lines.join('\n');
}

interface Output {
  machine: { nproc: number; memoryGb: number; loadAverageAtStart: number[] };
  options: { rounds: number; connections: number; duration: number };
  minutes: number;
  backends: Record<string, BackendReport>;
}

function print(output: Output, file: string) {
  for (const r of Object.values(output.backends)) {
    const d = r.dataset as Record<string, unknown>;
    const o = output.options;
    console.log(
      `\n${r.backend === 'postgres' ? 'PostgreSQL' : 'PGlite'} — ${d.teams} teams × ${d.weeks} weeks, ${fmt(Number(d.responses))} responses (${d.database}); ${o.rounds} rounds, median [min–max], ${o.connections} connections, ${o.duration} s runs`,
    );
    console.log(table(r));
  }
  const m = output.machine;
  console.log(
    `\n${m.nproc} cores, ${m.memoryGb} GB, load average at start ${m.loadAverageAtStart.join(' ')}; ` +
      `${fmt(output.minutes, 1)} min; results in ${file.replace(`${process.cwd()}/`, '')}`,
  );
}

if (opts.report) {
  // Reprint the tables (and re-judge the targets) of an earlier run without running anything.
  const output = JSON.parse(readFileSync(opts.report, 'utf8')) as Output;
  for (const r of Object.values(output.backends)) r.targets = targetsOf(r);
  print(output, opts.report);
} else {
  const started = new Date();
  const machine = {
    date: started.toISOString(),
    nproc: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memoryGb: Math.round(os.totalmem() / 1e9),
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
    node: process.version,
  };
  const options = { ...opts, only: [...opts.only] };
  const reports: BackendReport[] = [];
  for (const kind of ['postgres', 'pglite'] as const) {
    if (!opts[kind]) continue;
    reports.push(await runBackend(kind));
  }
  const output = {
    machine: { ...machine, loadAverageAtEnd: os.loadavg().map((x) => Math.round(x * 100) / 100) },
    options,
    minutes: (Date.now() - started.getTime()) / 60000,
    backends: Object.fromEntries(reports.map((r) => [r.backend, r])),
  };
  writeFileSync(opts.out, `${JSON.stringify(output, null, 2)}\n`);
  print(output, opts.out);
}
