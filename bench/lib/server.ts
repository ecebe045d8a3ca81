/**
 * A benchmark server process, forked by bench/run.ts with an IPC channel.
 *
 *   BENCH_MODE=api       the Leeway API: loadConfig() from the environment (DATABASE_URL or
 *                        DATA_DIR, JWT_SECRET, PORT, LOG_LEVEL, NODE_ENV) and buildApp(), exactly
 *                        as apps/api/src/server.ts does minus the demo seed; plus probes:
 *                        event-loop delay (perf_hooks.monitorEventLoopDelay), RSS sampled every
 *                        100 ms, CPU profiles through the inspector, and the SQL the app sends.
 *   BENCH_MODE=baseline  the baselines on BASELINE_PORT: a bare Fastify app (no plugins) with a
 *                        constant route and the same SQL through the raw driver (postgres.js).
 *   BENCH_MODE=both      both in one process sharing one database (PGlite allows one opener).
 *
 *   BENCH_WEEK_SECONDS   (api) a clock on which a pulse week passes every this many real seconds,
 *                        from the real instant BENCH_CLOCK_EPOCH (ms) — the soak's moving weeks.
 *
 * The parent sends {id, cmd, ...} messages and gets {id, ok, result | error} back.
 */
import { writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { Session } from 'node:inspector/promises';
import { findSourceMap } from 'node:module';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import postgres from 'postgres';
import { buildApp } from '../../apps/api/src/app.ts';
import { loadConfig } from '../../apps/api/src/config.ts';
import { createDb, type Database } from '../../packages/db/src/index.ts';
import { buildBaseline, type RawDb } from './baseline.ts';
import { acceleratedClock } from './clock.ts';

const mode = process.env.BENCH_MODE ?? 'api';
const config = loadConfig(process.env);

// Probes ----------------------------------------------------------------------------------------
const eld = monitorEventLoopDelay({ resolution: 5 });
eld.enable();
let rssWindowMax = 0;
let rssRunMax = 0;
let heapWindowMax = 0;
const sample = () => {
  const m = process.memoryUsage();
  rssWindowMax = Math.max(rssWindowMax, m.rss);
  rssRunMax = Math.max(rssRunMax, m.rss);
  heapWindowMax = Math.max(heapWindowMax, m.heapUsed);
};
sample();
setInterval(sample, 100).unref();

const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;
const ms = (ns: number) => Math.round((ns / 1e6) * 10) / 10;

let captured: { query: string; params: unknown[] }[] | null = null;

// Database: one for the API (passed to buildApp, so its onQuery hook can capture the SQL) ---------
let database: Database | null = null;
let raw: RawDb | null = null;
let rawClose: (() => Promise<void>) | null = null;

function rawFromDatabase(db: Database): RawDb {
  const client = (db.db as unknown as { $client: any }).$client;
  if (db.kind === 'postgres') return rawPostgres(client, false);
  return {
    kind: 'pglite',
    query: async (text, params = []) => (await client.query(text, params)).rows,
    tx: (fn) =>
      client.transaction((tx: any) =>
        fn(async (text: string, params: unknown[] = []) => (await tx.query(text, params)).rows),
      ),
  };
}

/** postgres.js: prepared statements like its tagged templates (or unprepared, as Drizzle sends). */
function rawPostgres(sql: postgres.Sql, prepare = true): RawDb {
  return {
    kind: 'postgres',
    query: async (text, params = [], options) =>
      (await sql.unsafe(text, params as never[], {
        prepare: options?.prepare ?? prepare,
      })) as unknown as Record<string, unknown>[],
    tx: (fn) =>
      sql.begin((tx) =>
        fn(
          async (text, params = []) =>
            (await tx.unsafe(text, params as never[], { prepare })) as unknown as Record<
              string,
              unknown
            >[],
        ),
      ) as Promise<never>,
  };
}

let app: Awaited<ReturnType<typeof buildApp>> | null = null;
let baseline: Awaited<ReturnType<typeof buildBaseline>> | null = null;

if (mode === 'api' || mode === 'both') {
  database = await createDb({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onQuery: (query, params) => captured?.push({ query, params }),
  });
  await database.migrate();
  const weekSeconds = Number(process.env.BENCH_WEEK_SECONDS ?? 0);
  const clock =
    weekSeconds > 0
      ? acceleratedClock(Number(process.env.BENCH_CLOCK_EPOCH ?? Date.now()), weekSeconds)
      : undefined;
  app = await buildApp(config, { database, ...(clock ? { clock } : {}) });
  await app.listen({ port: config.port, host: config.host });
}
if (mode === 'baseline' || mode === 'both') {
  if (mode === 'both') {
    raw = rawFromDatabase(database!);
  } else if (config.databaseUrl) {
    // The same pool settings as @leeway/db's createDb() gives the API.
    const sql = postgres(config.databaseUrl, {
      max: 10,
      onnotice: () => {},
      connect_timeout: 5,
      idle_timeout: 30,
    });
    raw = rawPostgres(sql, true);
    rawClose = () => sql.end({ timeout: 5 });
  } else {
    throw new Error('BENCH_MODE=baseline needs DATABASE_URL (PGlite: use BENCH_MODE=both)');
  }
  baseline = await buildBaseline(raw);
  await baseline.app.listen({ port: Number(process.env.BASELINE_PORT), host: config.host });
}
if (mode === 'baseline' && !raw) throw new Error('no database for the baseline');
// The SQL channel of the parent uses the API's database when there is one.
const admin: RawDb = database ? rawFromDatabase(database) : raw!;

// Requests still being served: a load generator that stops leaves the queue behind, and the next
// measurement must not start until it has drained.
//
// A response is pending from the 'request' event until its handler has ended it. A client that
// goes away (a load generator stopping mid-queue) closes the socket early, but the handler still
// runs to the end, so 'close' is not the end of the work: `writableEnded` is.
const pending = new Set<ServerResponse>();
let lastActivity = performance.now();
/** Requests whose handler has finished since stats-reset (answered, or abandoned by the client). */
let served = 0;
const settle = (res: ServerResponse) => {
  if (pending.delete(res)) {
    served++;
    lastActivity = performance.now();
  }
};
const sweep = () => {
  for (const res of pending) if (res.writableEnded) settle(res);
  return pending.size;
};
for (const server of [app?.server, baseline?.app.server]) {
  server?.on('request', (_req, res) => {
    pending.add(res);
    lastActivity = performance.now();
    res.once('finish', () => settle(res));
  });
}

// IPC -------------------------------------------------------------------------------------------
let profiler: Session | null = null;

const commands: Record<string, (msg: any) => Promise<unknown> | unknown> = {
  'stats-reset': () => {
    served = 0;
    eld.reset();
    rssWindowMax = 0;
    heapWindowMax = 0;
    sample();
    return null;
  },
  stats: () => {
    sample();
    sweep();
    return {
      eldMaxMs: ms(eld.max),
      eldP99Ms: ms(eld.percentile(99)),
      eldMeanMs: ms(eld.mean),
      rssMaxMb: mb(rssWindowMax),
      rssRunMaxMb: mb(rssRunMax),
      rssNowMb: mb(process.memoryUsage().rss),
      heapMaxMb: mb(heapWindowMax),
      heapNowMb: mb(process.memoryUsage().heapUsed),
      served,
    };
  },
  sql: (msg) => admin.query(msg.text, msg.params ?? []),
  'wait-idle': async (msg) => {
    const started = performance.now();
    // Idle = nothing in flight and nothing new for 500 ms: requests a stopped client sent while
    // the event loop was blocked are still in the socket buffers and arrive a little later.
    while (
      (sweep() > 0 || performance.now() - lastActivity < 500) &&
      performance.now() - started < (msg.timeoutMs ?? 120_000)
    ) {
      await new Promise((r) => setTimeout(r, 20));
    }
    return {
      waitedMs: Math.round(performance.now() - started),
      // How long ago the last request ended: the quiet period is not part of the run.
      quietMs: Math.round(performance.now() - lastActivity),
      inflight: pending.size,
    };
  },
  'capture-start': () => {
    captured = [];
    return null;
  },
  'capture-stop': () => {
    const out = captured ?? [];
    captured = null;
    return out.map((c) => ({
      query: c.query,
      params: c.params.map((p) => (p instanceof Date ? p.toISOString() : p)),
    }));
  },
  'set-constant': (msg) => {
    baseline!.setConstant(msg.name, msg.body);
    return null;
  },
  'set-replay': (msg) => {
    baseline!.setReplay(msg.name, msg.queries);
    return null;
  },
  'profile-start': async () => {
    profiler = new Session();
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.setSamplingInterval', { interval: 200 });
    await profiler.post('Profiler.start');
    return null;
  },
  'profile-stop': async (msg) => {
    if (!profiler) throw new Error('no profile running');
    const { profile } = await profiler.post('Profiler.stop');
    profiler.disconnect();
    profiler = null;
    // tsx compiles with inline source maps: put the TypeScript line and column back.
    for (const node of profile.nodes) {
      const frame = node.callFrame;
      if (!frame.url.startsWith('file://') || frame.url.includes('/node_modules/')) continue;
      const entry = findSourceMap(frame.url)?.findEntry(frame.lineNumber, frame.columnNumber) as
        | { originalLine?: number; originalColumn?: number }
        | undefined;
      if (entry?.originalLine !== undefined) {
        frame.lineNumber = entry.originalLine;
        frame.columnNumber = entry.originalColumn ?? 0;
      }
    }
    writeFileSync(msg.file, JSON.stringify(profile));
    return msg.file;
  },
  shutdown: async () => {
    setTimeout(() => process.exit(0), 50);
    await app?.close();
    await baseline?.app.close();
    await database?.close();
    await rawClose?.();
    return null;
  },
};

process.on('message', async (msg: any) => {
  try {
    const handler = commands[msg.cmd];
    if (!handler) throw new Error(`unknown command ${msg.cmd}`);
    const result = await handler(msg);
    process.send!({ id: msg.id, ok: true, result });
  } catch (error) {
    process.send!({ id: msg.id, ok: false, error: String((error as Error)?.stack ?? error) });
  }
});
process.on('disconnect', () => process.exit(0));
process.send!({ ready: true, pid: process.pid, kind: database?.kind ?? raw?.kind });
