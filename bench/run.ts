/**
 * API benchmarks, each workload beside its baseline, alternating, several rounds:
 *
 *   pnpm bench [--rounds 3] [--duration 8] [--connections 50] [--w1-requests 2000]
 *              [--w3-requests 10] [--only w1,w2,w3,w4] [--no-postgres] [--no-pglite]
 *              [--no-profile] [--database-url postgres://postgres@127.0.0.1:5432/leeway_bench]
 *              [--pglite-dir bench/data/pglite] [--pglite-teams 50] [--pglite-weeks 16]
 *              [--port 3310] [--out bench/results/latest.json]
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
import { DEFAULT_DATABASE_URL, generate } from './data.ts';
import { flagsOf } from './lib/args.ts';
import { signJwt } from './lib/jwt.ts';
import {
  load,
  openLoop,
  post,
  type RunResult,
  type SequentialResult,
  sequential,
  timedGet,
} from './lib/load.ts';
import { ServerProcess } from './lib/proc.ts';
import { formatSummary, summarize } from './lib/profile.ts';
import { rng } from './lib/rng.ts';
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
  port: f.int('port', 3310, 1024),
  out: resolve(f.string('out', 'bench/results/latest.json')),
  report: f.optionalString('report'),
};
f.done();

const resultsDir = dirname(opts.out);
const profilesDir = resolve(resultsDir, 'profiles');
mkdirSync(profilesDir, { recursive: true });
const log = (line: string) => process.stderr.write(`${line}\n`);
const JWT_SECRET = randomBytes(48).toString('base64url');

const jwt = (claims: Record<string, unknown>) => signJwt(JWT_SECRET, claims);

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
async function runBackend(kind: 'postgres' | 'pglite'): Promise<BackendReport> {
  const t0 = performance.now();
  const apiPort = kind === 'postgres' ? opts.port : opts.port + 2;
  const basePort = apiPort + 1;
  const common = {
    JWT_SECRET,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    PUBLIC_URL: 'http://127.0.0.1',
    SEED_DEMO: 'false',
  };
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
  const api = await ServerProcess.start(
    `api (${kind})`,
    kind === 'postgres'
      ? { ...common, BENCH_MODE: 'api', DATABASE_URL: opts.databaseUrl, PORT: String(apiPort) }
      : {
          ...common,
          BENCH_MODE: 'both',
          DATA_DIR: opts.pgliteDir,
          PORT: String(apiPort),
          BASELINE_PORT: String(basePort),
        },
  );
  const base =
    kind === 'postgres'
      ? await ServerProcess.start('baseline (postgres)', {
          ...common,
          BENCH_MODE: 'baseline',
          DATABASE_URL: opts.databaseUrl,
          PORT: String(apiPort),
          BASELINE_PORT: String(basePort),
        })
      : api;
  const API = `http://127.0.0.1:${apiPort}`;
  const BASE = `http://127.0.0.1:${basePort}`;
  log(`api pid ${api.pid} on ${API}; baseline pid ${base.pid} on ${BASE}`);

  try {
    // Data set -----------------------------------------------------------------------------------
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
    const dataset = {
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
      `data: ${dataset.teams} teams × ${weeks} weeks (${dataset.range}), ${fmt(dataset.responses)} responses, current week ${current}`,
    );
    if (current !== anchor) {
      log(`note: data was generated in ${anchor}; W1 writes into ${current}.`);
    }

    // Sessions: one per user of the org, signed here with the server's secret --------------------
    await api.sql('delete from sessions where org_id = $1', [orgId]);
    const sessions = await api.sql<{ id: string; user_id: string }>(
      `insert into sessions (id, org_id, user_id, auth_version, created_at, expires_at)
       select gen_random_uuid()::text, u.org_id, u.id, u.auth_version, now(), now() + interval '2 days'
       from users u where u.org_id = $1 and u.deactivated_at is null
       returning id, user_id`,
      [orgId],
    );
    const people = await api.sql<{
      id: string;
      role: string;
      member_team: string | null;
      lead_team: string | null;
    }>(
      `select u.id, u.role, m.team_id as member_team, l.team_id as lead_team
       from users u
       left join memberships m on m.user_id = u.id and m.left_at is null
       left join team_leads l on l.user_id = u.id
       where u.org_id = $1 and u.deactivated_at is null`,
      [orgId],
    );
    const sid = new Map(sessions.map((s) => [s.user_id, s.id]));
    const now = Math.floor(Date.now() / 1000);
    const tokenOf = (userId: string) =>
      jwt({ sub: userId, sid: sid.get(userId), org: orgId, iat: now, exp: now + 86_400 });
    const admin = people.find((p) => p.role === 'admin')!;
    const adminAuth = { authorization: `Bearer ${tokenOf(admin.id)}` };
    const leads = people
      .filter((p) => p.lead_team)
      .slice(0, 200)
      .map((p) => ({ teamId: p.lead_team!, auth: `Bearer ${tokenOf(p.id)}` }));
    const r = rng('bench', kind);
    const members = r.shuffle(
      people
        .filter((p) => p.member_team)
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
            teamId: p.member_team!,
            auth: `Bearer ${tokenOf(p.id)}`,
            apiBody: JSON.stringify({
              pulseId: `${p.member_team}:${current}`,
              answers,
              ...(comment ? { comment } : {}),
            }),
            rawBody: JSON.stringify({
              orgId,
              teamId: p.member_team,
              week: current,
              userId: p.id,
              answers,
              ...(comment ? { comment } : {}),
            }),
          };
        }),
    );
    log(`sessions: ${sessions.length} (${members.length} members, ${leads.length} leads used)`);

    const resetWeek = async () => {
      for (const table of ['pulse_receipts', 'pulse_responses', 'team_week_stats']) {
        await api.sql(`delete from ${table} where org_id = $1 and week >= $2`, [orgId, anchor]);
      }
    };
    const countWeek = async () => {
      const [c] = await api.sql<Record<string, string>>(
        `select (select count(*) from pulse_receipts where org_id = $1 and week = $2)::text as receipts,
                (select count(*) from pulse_responses where org_id = $1 and week = $2)::text as responses,
                (select coalesce(sum(n), 0) from team_week_stats where org_id = $1 and week = $2)::text as rollup`,
        [orgId, current],
      );
      return {
        receipts: Number(c!.receipts),
        responses: Number(c!.responses),
        rollup: Number(c!.rollup),
      };
    };

    const runs: Record<string, Record<string, unknown>[]> = {};
    const record = (
      key: string,
      round: number,
      result: object,
      server?: { servedRps?: number } & Record<string, unknown>,
    ) => {
      const list = runs[key] ?? [];
      runs[key] = list;
      const r = result as { rps?: number };
      const throughput =
        key.startsWith('w2.') && r.rps !== undefined && server?.servedRps !== undefined
          ? { rps: server.servedRps, clientRps: r.rps }
          : {};
      list.push({ round, ...result, ...throughput, ...(server ? { server } : {}) });
    };
    /** Waits until both servers have answered everything they received. */
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
    /** Runs `fn` and returns the probes of the process that served it (the API or the baseline). */
    const withStats = async <T>(fn: () => Promise<T>, servedBy: 'api' | 'base' = 'api') => {
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
    };

    // Workload definitions ---------------------------------------------------------------------
    const trendsQuery = `from=${from}&to=${to}`;
    const w1Amount = Math.min(opts.w1Requests, members.length);
    const w1 = async (target: 'api' | 'raw', amount = w1Amount) => {
      await resetWeek();
      const before = await countWeek();
      let i = 0;
      const result = await load({
        url: target === 'api' ? `${API}/api/pulse/responses` : `${BASE}/raw/pulse`,
        connections: Math.min(opts.connections, amount),
        amount,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        next: () => {
          const m = members[i++ % members.length]!;
          return target === 'api'
            ? { headers: { authorization: m.auth }, body: m.apiBody }
            : { body: m.rawBody };
        },
      });
      await idle();
      const after = await countWeek();
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
    };
    const w2Targets = {
      api: () => {
        let i = 0;
        return load({
          url: `${API}/api/teams/${leads[0]!.teamId}/trends?${trendsQuery}`,
          connections: opts.connections,
          duration: opts.duration,
          next: () => {
            const l = leads[i++ % leads.length]!;
            return {
              path: `/api/teams/${l.teamId}/trends?${trendsQuery}`,
              headers: { authorization: l.auth },
            };
          },
        });
      },
      const: () =>
        load({
          url: `${BASE}/const/trends`,
          connections: opts.connections,
          duration: opts.duration,
        }),
      raw: () => {
        let i = 0;
        return load({
          url: `${BASE}/raw/trends?orgId=${orgId}&teamId=${leads[0]!.teamId}&${trendsQuery}`,
          connections: opts.connections,
          duration: opts.duration,
          next: () => ({
            path: `/raw/trends?orgId=${orgId}&teamId=${leads[i++ % leads.length]!.teamId}&${trendsQuery}`,
          }),
        });
      },
      replay: () =>
        load({
          url: `${BASE}/replay/trends`,
          connections: opts.connections,
          duration: opts.duration,
        }),
    };
    const heatmapUrl = `${API}/api/org/heatmap?${trendsQuery}&metric=engagement`;
    const naiveUrl = `${BASE}/raw/heatmap-naive?orgId=${orgId}&${trendsQuery}&k=5`;

    // Checks: constant bytes, replayed SQL, same figures --------------------------------------
    const checks: Record<string, unknown> = {};
    const lead0 = leads[0]!;
    await api.call('capture-start');
    const trendsRes = await timedGet(
      `${API}/api/teams/${lead0.teamId}/trends?${trendsQuery}`,
      { authorization: lead0.auth },
      true,
    );
    const trendsQueries = await api.call<{ query: string; params: unknown[] }[]>('capture-stop');
    if (trendsRes.status !== 200)
      throw new Error(`trends: HTTP ${trendsRes.status} ${trendsRes.body}`);
    await base.call('set-constant', { name: 'trends', body: trendsRes.body });
    await base.call('set-replay', { name: 'trends', queries: trendsQueries });
    checks.trends = { bytes: trendsRes.bytes, queries: trendsQueries.length };

    await api.call('capture-start');
    const heat = await timedGet(heatmapUrl, adminAuth, true);
    const heatQueries = await api.call<{ query: string; params: unknown[] }[]>('capture-stop');
    if (heat.status !== 200)
      throw new Error(`heatmap: HTTP ${heat.status} ${heat.body?.slice(0, 300)}`);
    const naive = await timedGet(naiveUrl, {}, true);
    checks.heatmap = sameFigures(JSON.parse(heat.body!), JSON.parse(naive.body!));
    (checks.heatmap as Record<string, unknown>).bytes = heat.bytes;
    (checks.heatmap as Record<string, unknown>).naiveBytes = naive.bytes;
    (checks.heatmap as Record<string, unknown>).queries = heatQueries.length;
    log(`checks: ${JSON.stringify(checks)}`);

    // EXPLAIN ANALYZE of every read the two GETs sent (PostgreSQL and PGlite alike) ------------
    const explain: Record<string, unknown> = {};
    const explainText: string[] = [];
    for (const [name, queries] of [
      ['trends', trendsQueries],
      ['heatmap', heatQueries],
    ] as const) {
      const list: { sql: string; ms: number; rows: string }[] = [];
      for (const q of queries) {
        if (!/^\s*(select|with)/i.test(q.query)) continue;
        const plan = await api
          .sql<Record<string, string>>(`explain (analyze, buffers) ${q.query}`, q.params)
          .catch((e: Error) => [{ 'QUERY PLAN': `explain failed: ${e.message}` }]);
        const lines = plan.map((p) => Object.values(p)[0]!);
        const exec = /Execution Time: ([\d.]+)/.exec(lines.join('\n'));
        const planning = /Planning Time: ([\d.]+)/.exec(lines.join('\n'));
        list.push({
          sql: q.query.replace(/\s+/g, ' ').slice(0, 140),
          ms: Number(exec?.[1] ?? Number.NaN) + Number(planning?.[1] ?? 0),
          rows: /actual time=[\d.]+\.\.[\d.]+ rows=(\d+)/.exec(lines[0] ?? '')?.[1] ?? '?',
        });
        explainText.push(
          `-- ${name}\n${q.query}\n-- params: ${JSON.stringify(q.params).slice(0, 300)}\n${lines.join('\n')}\n`,
        );
      }
      explain[name] = list;
    }
    const naivePlan = await api.sql<Record<string, string>>(
      `explain (analyze, buffers) ${(await import('./lib/baseline.ts')).NAIVE_HEATMAP_SQL}`,
      [orgId, from, to, 5],
    );
    const naiveLines = naivePlan.map((p) => Object.values(p)[0]!);
    explain.naiveHeatmapMs = Number(/Execution Time: ([\d.]+)/.exec(naiveLines.join('\n'))?.[1]);
    explainText.push(`-- naive heatmap\n${naiveLines.join('\n')}\n`);
    writeFileSync(resolve(resultsDir, `explain-${kind}.txt`), explainText.join('\n'));

    // Warm-up ------------------------------------------------------------------------------------
    log('warm-up…');
    const warm = { ...opts, duration: 2 };
    if (opts.only.has('w1')) {
      await w1('api', Math.min(200, members.length));
      await w1('raw', Math.min(200, members.length));
    }
    if (opts.only.has('w2') || opts.only.has('w4')) {
      for (const path of [
        `/raw/trends?orgId=${orgId}&teamId=${lead0.teamId}&${trendsQuery}`,
        '/const/trends',
        '/replay/trends',
      ]) {
        await load({ url: `${BASE}${path}`, connections: 10, duration: warm.duration });
        await idle();
      }
      await load({
        url: `${API}/api/teams/${lead0.teamId}/trends?${trendsQuery}`,
        connections: 10,
        duration: warm.duration,
        headers: { authorization: lead0.auth },
      });
    }
    if (opts.only.has('w3') || opts.only.has('w4')) {
      await sequential(heatmapUrl, adminAuth, 2);
      await sequential(naiveUrl, {}, 2);
    }

    // Rounds: every workload beside its baseline, order alternating -------------------------------
    for (let round = 1; round <= opts.rounds; round++) {
      const flip = round % 2 === 0;
      log(`round ${round}/${opts.rounds}`);
      if (opts.only.has('w1')) {
        for (const target of flip ? (['raw', 'api'] as const) : (['api', 'raw'] as const)) {
          const { result, server } = await withStats(
            () => w1(target),
            target === 'api' ? 'api' : 'base',
          );
          record(`w1.${target}`, round, result, server);
          log(
            `  W1 ${target.padEnd(7)} ${fmt(result.rps).padStart(6)} req/s  p99 ${fmt(result.p99)} ms  201s ${result.created}  lost ${result.lost}`,
          );
        }
      }
      let w2Alone: RunResult | null = null;
      if (opts.only.has('w2') || opts.only.has('w4')) {
        const order = ['api', 'const', 'raw', 'replay'] as const;
        const rotated = [...order.slice(round % 4), ...order.slice(0, round % 4)];
        for (const target of opts.only.has('w2') ? rotated : (['api'] as const)) {
          const { result, server } = await withStats(
            () => w2Targets[target](),
            target === 'api' ? 'api' : 'base',
          );
          record(`w2.${target}`, round, result, server);
          if (target === 'api') w2Alone = result;
          log(
            `  W2 ${target.padEnd(7)} ${fmt(server.servedRps).padStart(6)} req/s (client saw ${fmt(result.rps)})  p50 ${fmt(result.p50)} ms  p99 ${fmt(result.p99)} ms  non-2xx ${Object.entries(
              result.status,
            )
              .filter(([c]) => !c.startsWith('2'))
              .reduce((a, [, n]) => a + n, 0)}`,
          );
        }
      }
      if (opts.only.has('w3')) {
        for (const target of flip ? (['naive', 'api'] as const) : (['api', 'naive'] as const)) {
          const { result, server } = await withStats(
            () =>
              sequential(
                target === 'api' ? heatmapUrl : naiveUrl,
                target === 'api' ? adminAuth : {},
                opts.w3Requests,
              ),
            target === 'api' ? 'api' : 'base',
          );
          const { latencies, ...rest } = result;
          record(
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
      if (opts.only.has('w4')) {
        let stop = false;
        const { result, server } = await withStats(async () => {
          const heatLoop = sequential(heatmapUrl, adminAuth, 0, () => stop);
          const trends = await w2Targets.api();
          stop = true;
          return { trends, heatmap: await heatLoop };
        });
        const { latencies: _l, ...heatmap } = result.heatmap;
        record(
          'w4',
          round,
          { ...result.trends, heatmap, w2AloneP99: w2Alone?.p99 ?? null },
          server,
        );
        log(
          `  W4 trends ${fmt(result.trends.rps).padStart(6)} req/s  p99 ${fmt(result.trends.p99)} ms (alone ${fmt(w2Alone?.p99 ?? Number.NaN)} ms) with ${result.heatmap.requests} heatmaps (p50 ${fmt(result.heatmap.p50)} ms)`,
        );
      }
    }

    // W2 at a fixed rate (open loop) — latency without the queueing of a saturated closed loop ---
    const summaryOf = (key: string, field: string) =>
      spread((runs[key] ?? []).map((x) => Number(x[field])));
    const fixed: Record<string, unknown> = {};
    if (opts.only.has('w2')) {
      const rate = Math.max(1, Math.round(summaryOf('w2.api', 'rps').median * 0.5));
      const { result, server } = await withStats(() => {
        let i = 0;
        return openLoop(
          () => {
            const l = leads[i++ % leads.length]!;
            return {
              url: `${API}/api/teams/${l.teamId}/trends?${trendsQuery}`,
              headers: { authorization: l.auth },
            };
          },
          rate,
          opts.duration,
          opts.connections,
        );
      });
      Object.assign(fixed, { rate, ...result, server });
      log(
        `  W2 api at ${rate} req/s (half its max): p50 ${fmt(result.p50)} ms  p99 ${fmt(result.p99)} ms`,
      );
    }

    // One request at a time: the longest the event loop was blocked by any single request -------
    const isolated: Record<string, unknown> = {};
    const isolate = async (
      name: string,
      fn: () => Promise<{ p50: number; max: number } | undefined>,
    ) => {
      const { result, server } = await withStats(fn);
      isolated[name] = { ...server, latencyP50: result?.p50, latencyMax: result?.max };
      log(
        `  isolated ${name.padEnd(8)} event loop blocked ≤ ${fmt(server.eldMaxMs, 1)} ms; latency p50 ${fmt(result?.p50 ?? Number.NaN)} ms, max ${fmt(result?.max ?? Number.NaN)} ms`,
      );
    };
    log('one request at a time (event-loop delay):');
    await isolate('trends', () =>
      sequential(
        `${API}/api/teams/${lead0.teamId}/trends?${trendsQuery}`,
        { authorization: lead0.auth },
        10,
      ),
    );
    await isolate('heatmap', () => sequential(heatmapUrl, adminAuth, 5));
    await resetWeek();
    await isolate('submit', async () => {
      const ms: number[] = [];
      for (const m of members.slice(0, 10)) {
        ms.push(
          (await post(`${API}/api/pulse/responses`, { authorization: m.auth }, m.apiBody)).ms,
        );
      }
      ms.sort((a, b) => a - b);
      return { p50: ms[Math.floor(ms.length / 2)]!, max: ms.at(-1)! };
    });
    await isolate('me', () => sequential(`${API}/api/me`, adminAuth, 10));

    // CPU profiles of the API, one workload at a time ------------------------------------------
    const profiles: Record<string, unknown> = {};
    if (opts.profile) {
      const profile = async (name: string, fn: () => Promise<unknown>) => {
        const file = resolve(profilesDir, `${kind}-${name}.cpuprofile`);
        await idle();
        await api.call('profile-start');
        await fn();
        await idle();
        await api.call('profile-stop', { file });
        const s = summarize(JSON.parse(readFileSync(file, 'utf8')), 12);
        profiles[name] = { file: file.replace(`${process.cwd()}/`, ''), ...s };
        log(formatSummary(`profile ${kind} ${name}`, s));
      };
      log('profiles…');
      if (opts.only.has('w1')) await profile('w1', () => w1('api', Math.min(1000, members.length)));
      if (opts.only.has('w2')) {
        await profile('w2', () =>
          load({
            url: `${API}/api/teams/${lead0.teamId}/trends?${trendsQuery}`,
            connections: opts.connections,
            duration: Math.min(5, opts.duration),
            headers: { authorization: lead0.auth },
          }),
        );
      }
      if (opts.only.has('w3')) await profile('w3', () => sequential(heatmapUrl, adminAuth, 5));
    }
    await resetWeek();

    const apiStats = await api.call('stats');
    const summary = summarise(runs, fixed);
    const report: BackendReport = {
      backend: kind,
      dataset,
      runs,
      summary,
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
    await api.stop();
    if (base !== api) await base.stop();
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
