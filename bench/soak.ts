/**
 * Soak: the API as a real process on a fresh PostgreSQL database, under a realistic mix of
 * traffic at a fixed arrival rate for a long time, judged window by window:
 *
 *   pnpm soak [--duration 600] [--rate 60] [--connections 32] [--window 10] [--warmup 60]
 *             [--week-seconds 30] [--teams 30] [--size 8] [--weeks 12] [--port P]
 *             [--database-url postgres://postgres@127.0.0.1:5432/postgres]
 *             [--out bench/results/soak.json] [--keep-database] [--p99-factor 2] [--p99-slack 25]
 *
 * - The database `leeway_soak_<random>` is created on that server, seeded by bench/data.ts (one
 *   organisation of --teams teams of about --size members with --weeks weeks of history, plus a
 *   small org), and dropped at the end.
 * - The server is bench/lib/server.ts (the API exactly as it starts in production, minus the demo)
 *   with a fast clock: a pulse week passes every --week-seconds (default: duration / 20, at
 *   least 15), so
 *   members answer their weekly pulse throughout — each once a week, 80 % of them, spread over
 *   the week — and the twelve-week ranges leads and HR read move on.
 * - Requests start on a fixed schedule (open loop, bench/lib/load.ts), so a stall shows as
 *   latency rather than as fewer requests; the mix is MIX below.
 * - Every --window seconds it records the latency percentiles of the requests that ended in the
 *   window, their statuses, and the server's RSS (sampled every 100 ms), heap and event-loop
 *   delay. It passes when CHECKS all hold; it exits 1 otherwise.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import postgres from 'postgres';
import { addWeeks, weekBounds, weekOf } from '../packages/domain/src/weeks.ts';
import { freePort } from '../scripts/free-port.mjs';
import { generate } from './data.ts';
import { flagsOf } from './lib/args.ts';
import { acceleratedClock } from './lib/clock.ts';
import { type OpenLoopRequest, openLoop, percentile } from './lib/load.ts';
import { BENCH_PASSWORD } from './lib/model.ts';
import { type ServerProcess, startBenchServer } from './lib/proc.ts';
import { rng } from './lib/rng.ts';
import { type SignedInPerson, signInEveryone } from './lib/sessions.ts';
import { fmt } from './lib/stats.ts';

const f = flagsOf();
const duration = f.number('duration', 600);
const opts = {
  duration,
  rate: f.number('rate', 60),
  connections: f.int('connections', 32, 1),
  window: f.number('window', 10),
  warmup: f.number('warmup', Math.min(60, duration * 0.2)),
  weekSeconds: f.number('week-seconds', Math.max(15, duration / 20)),
  teams: f.int('teams', 30, 1),
  size: f.int('size', 8, 3),
  weeks: f.int('weeks', 12, 1),
  /** A free port when not given. */
  port: f.optionalString('port') === undefined ? undefined : f.int('port', 3330, 1024),
  databaseUrl: f.string('database-url', 'postgres://postgres@127.0.0.1:5432/postgres'),
  out: resolve(f.string('out', 'bench/results/soak.json')),
  keepDatabase: f.bool('keep-database', false),
  p99Factor: f.number('p99-factor', 2),
  p99SlackMs: f.number('p99-slack', 25),
};
f.done();
if (opts.rate <= 0 || opts.window <= 0 || opts.weekSeconds <= 0)
  throw new Error('--rate, --window and --week-seconds must be above 0');
if (opts.duration < opts.warmup + 6 * opts.window) {
  throw new Error(
    `--duration must leave at least 6 windows after the warm-up (${opts.warmup} + 6 × ${opts.window} s)`,
  );
}

// Pass criteria -----------------------------------------------------------------------------------
// "Steady" windows start after the warm-up, when the JIT, the connection pool and V8's heap have
// grown to their working size. Early and late are the first and the last third of them (at least
// three windows each), compared by their medians so that one window disturbed by a neighbour on a
// shared machine decides nothing.
/**
 * Memory: RSS is each window's peak (sampled every 100 ms), which rides over the garbage
 * collector's saw-tooth.
 * - Late ≤ 1.25 × early: flat means heap jitter at most. A leak of 1 KB per request at 60 req/s
 *   adds 3.5 MB a minute, 30 MB over a 10-minute soak's second half: over the limit at ~250 MB.
 * - Slope over the second half of the steady windows ≤ 2 MB/min, when that half spans at least
 *   two minutes (over less, the saw-tooth alone swings the slope by tens of MB/min). The slope is
 *   Theil–Sen's (the median of the slopes between every two windows): V8's heap climbs for a
 *   minute or two before each major collection, and one climb at the end of a run tilts a
 *   least-squares line — 2.7 MB/min over a flat 10-minute run, where Theil–Sen gave 0.4 — while a
 *   leak raises every pair of windows and moves the median as much.
 */
const RSS_GROWTH = 1.25;
const RSS_SLOPE_MB_PER_MIN = 2;
const RSS_SLOPE_MIN_SECONDS = 120;
/**
 * Latency: late p99 ≤ 2 × early p99 + 25 ms (`--p99-factor`, `--p99-slack`). A window's p99 is
 * its ~6th slowest request at 60 req/s × 10 s, and on a busy two-core machine a neighbour's burst
 * or a major collection moves it by tens of milliseconds; the slack absorbs that. A server that
 * slows as its data, heap or queues grow multiplies its p99 and fails the factor. A short run has
 * few windows to take medians over (the 60-second CI run: three of 5 s each, the early ones often
 * before V8's first major collection), so CI passes a wider tolerance.
 */
/** Share of members who answer each week's pulse. */
const PARTICIPATION = 0.8;

// The request mix -----------------------------------------------------------------------------
type Kind =
  | 'submit'
  | 'me'
  | 'pulse'
  | 'memberTrends'
  | 'ideas'
  | 'proposeIdea'
  | 'leadTrends'
  | 'experiments'
  | 'impact'
  | 'comments'
  | 'members'
  | 'orgTrends'
  | 'heatmap'
  | 'types'
  | 'export'
  | 'login'
  | 'badLogin'
  | 'ready';

/** Relative weights; pulse answers (`submit`) come on top, on their weekly schedule. */
const MIX: [Kind, number][] = [
  // everyone opens the app
  ['me', 14],
  // members: the pulse page, their team's trend and ideas, now and then an idea of their own
  ['pulse', 8],
  ['memberTrends', 8],
  ['ideas', 6],
  ['proposeIdea', 1],
  // leads: their team's trend, its experiments and their impact, last week's comments, members
  ['leadTrends', 16],
  ['experiments', 5],
  ['impact', 10],
  ['comments', 5],
  ['members', 3],
  // HR: the org trend, the heatmap, the experiment-type table, an export now and then
  ['orgTrends', 6],
  ['heatmap', 3],
  ['types', 3],
  ['export', 1],
  // sign-ins (argon2id, off the event loop), one in five mistyped; the load balancer's probe
  ['login', 2],
  ['badLogin', 0.5],
  ['ready', 4],
];

/** Statuses that are a correct answer to the request; anything else fails the run. */
const EXPECTED: Partial<Record<Kind, number[]>> = {
  // 409: sent in the last moment of a week and arriving in the next, when that pulse has closed
  submit: [201, 409],
  proposeIdea: [201],
  badLogin: [401],
};
const expected = (kind: Kind) => EXPECTED[kind] ?? [200];

interface SoakRequest extends OpenLoopRequest {
  kind: Kind;
}

// Run -------------------------------------------------------------------------------------------
const log = (line: string) => process.stderr.write(`${line}\n`);
const JWT_SECRET = randomBytes(48).toString('base64url');
const WEEK_MS = 7 * 24 * 3600 * 1000;

const dbName = `leeway_soak_${randomBytes(4).toString('hex')}`;
const serverUrl = new URL(opts.databaseUrl);
const adminUrl = new URL(serverUrl);
adminUrl.pathname = '/postgres';
const dbUrl = new URL(serverUrl);
dbUrl.pathname = `/${dbName}`;

let api: ServerProcess | null = null;
let cleaned = false;
async function cleanup() {
  if (cleaned) return;
  cleaned = true;
  await api?.stop().catch(() => {});
  if (opts.keepDatabase) {
    log(`kept database ${dbName}`);
    return;
  }
  const sql = postgres(adminUrl.toString(), { max: 1, onnotice: () => {} });
  await sql.unsafe(`drop database if exists ${dbName} with (force)`).catch((error) => {
    log(`could not drop ${dbName}: ${error}`);
  });
  await sql.end({ timeout: 5 });
}
process.once('SIGINT', () => {
  log('\ninterrupted: stopping the API and dropping the database');
  void cleanup().finally(() => process.exit(130));
});

interface Window {
  index: number;
  endS: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  fiveXx: number;
  unexpected: number;
  rssMb: number;
  rssMaxMb: number;
  heapMb: number;
  eldP99Ms: number;
  eldMaxMs: number;
  /** The machine's 1-minute load average (2.0 = both cores busy on a two-core machine). */
  load1: number;
}

interface Check {
  name: string;
  target: string;
  measured: string;
  pass: boolean;
}

async function main() {
  const started = Date.now();
  const loadAtStart = os.loadavg()[0]!;
  log(
    `soak: ${opts.duration} s at ${opts.rate} req/s (${opts.connections} connections), windows of ${opts.window} s, ` +
      `warm-up ${opts.warmup} s, a pulse week every ${opts.weekSeconds} s`,
  );
  log(`database ${dbName} on ${serverUrl.host}: ${opts.teams} teams × ~${opts.size} members…`);
  const seeded = await generate({
    teams: opts.teams,
    weeks: opts.weeks,
    size: opts.size,
    seed: '1',
    databaseUrl: dbUrl.toString(),
    smallOrgs: 1,
    batch: 25,
    reset: true,
    verify: false,
    quiet: true,
  });
  const orgId = seeded.orgId;

  const epoch = Date.now();
  const clock = acceleratedClock(epoch, opts.weekSeconds);
  const weekNow = () => weekOf(clock.now(), 'UTC');
  const port = opts.port ?? (await freePort());
  api = await startBenchServer('api (soak)', {
    mode: 'api',
    port,
    jwtSecret: JWT_SECRET,
    database: { url: dbUrl.toString() },
    env: {
      BENCH_WEEK_SECONDS: String(opts.weekSeconds),
      BENCH_CLOCK_EPOCH: String(epoch),
      // Per account as in production; every request comes from one address here.
      LOGIN_RATE_LIMIT: '10,1000000,900',
    },
  });
  const API = `http://127.0.0.1:${port}`;

  // People, with a session each (written as the API would, signed with its secret) -------------
  const people = await signInEveryone(api, orgId, JWT_SECRET, 10 * 365 * 86_400);
  const experimentRows = await api.sql<{ id: string; team_id: string }>(
    'select id, team_id from experiments where org_id = $1 and cancelled_at is null',
    [orgId],
  );
  const auth = (p: SignedInPerson) => ({ authorization: p.auth });
  const r = rng('soak', 1);
  const members = people
    .filter((p) => p.memberTeam)
    .map((p) => ({ id: p.id, teamId: p.memberTeam!, headers: auth(p), mood: r.normal() }));
  const leads = people
    .filter((p) => p.leadTeam)
    .map((p) => ({ teamId: p.leadTeam!, headers: auth(p) }));
  const admins = people.filter((p) => p.role === 'admin').map((p) => ({ headers: auth(p) }));
  const everyone = [...members, ...leads, ...admins];
  const emails = people.map((p) => p.email);
  const experimentsOf = new Map<string, string[]>();
  for (const e of experimentRows) {
    experimentsOf.set(e.team_id, [...(experimentsOf.get(e.team_id) ?? []), e.id]);
  }
  log(
    `org: ${people.length} people (${members.length} members, ${leads.length} leads, ${admins.length} admins), ` +
      `${experimentRows.length} experiments; API pid ${api.pid} on ${API}`,
  );

  // Weekly pulse answers: each member once a week, spread evenly over the week ------------------
  let week = weekNow();
  let queue = r.shuffle([...members]);
  let answered = 0;
  const quota = Math.round(PARTICIPATION * members.length);
  const likert = (mood: number) =>
    Math.min(5, Math.max(1, Math.round(3.6 + 0.6 * mood + r.normal() * 0.8)));
  function dueAnswer(): SoakRequest | null {
    const now = clock.now();
    const w = weekOf(now, 'UTC');
    if (w !== week) {
      week = w;
      queue = r.shuffle([...members]);
      answered = 0;
    }
    const fraction = (now.getTime() - weekBounds(w, 'UTC').opensAt.getTime()) / WEEK_MS;
    const m = answered < quota * fraction ? queue.pop() : undefined;
    if (!m) return null;
    answered++;
    const answers = {
      energy: likert(m.mood),
      autonomy: likert(m.mood),
      voice: likert(m.mood),
      growth: likert(m.mood),
      trust: likert(m.mood),
      enps: Math.min(10, Math.max(0, Math.round(7.5 + 1.5 * m.mood + r.normal() * 1.5))),
    };
    const comment = r.chance(0.2) ? 'More focus time, please.' : undefined;
    return {
      kind: 'submit',
      method: 'POST',
      url: `${API}/api/pulse/responses`,
      headers: m.headers,
      body: JSON.stringify({
        pulseId: `${m.teamId}:${w}`,
        answers,
        ...(comment ? { comment } : {}),
      }),
    };
  }

  const totalWeight = MIX.reduce((a, [, w]) => a + w, 0);
  function pickKind(): Kind {
    let x = r.next() * totalWeight;
    for (const [kind, w] of MIX) {
      x -= w;
      if (x < 0) return kind;
    }
    return MIX[0]![0];
  }

  function nextRequest(): SoakRequest {
    const answer = dueAnswer();
    if (answer) return answer;
    const current = weekNow();
    const range = `from=${addWeeks(current, -11)}&to=${current}`;
    const get = (kind: Kind, path: string, headers: Record<string, string>): SoakRequest => ({
      kind,
      url: `${API}${path}`,
      headers,
    });
    const kind = pickKind();
    const m = r.pick(members);
    const l = r.pick(leads);
    const hr = r.pick(admins);
    switch (kind) {
      case 'me':
        return get(kind, '/api/me', r.pick(everyone).headers);
      case 'pulse':
        return get(kind, '/api/pulse', m.headers);
      case 'memberTrends':
        return get(kind, `/api/teams/${m.teamId}/trends?${range}`, m.headers);
      case 'ideas':
        return get(kind, `/api/teams/${m.teamId}/ideas`, m.headers);
      case 'proposeIdea':
        return {
          kind,
          method: 'POST',
          url: `${API}/api/teams/${m.teamId}/ideas`,
          headers: m.headers,
          body: JSON.stringify({
            type: r.pick(['decision_rights', 'flexible_schedule', 'passion_project', 'custom']),
            text: 'Let us try no-meeting Wednesdays.',
            anonymous: r.chance(0.5),
          }),
        };
      case 'leadTrends':
        return get(kind, `/api/teams/${l.teamId}/trends?${range}`, l.headers);
      case 'experiments':
        return get(kind, `/api/teams/${l.teamId}/experiments`, l.headers);
      case 'impact': {
        const ids = experimentsOf.get(l.teamId);
        return ids
          ? get(kind, `/api/experiments/${r.pick(ids)}/impact`, l.headers)
          : get('leadTrends', `/api/teams/${l.teamId}/trends?${range}`, l.headers);
      }
      case 'comments':
        return get(
          kind,
          `/api/teams/${l.teamId}/comments?week=${addWeeks(current, -1)}`,
          l.headers,
        );
      case 'members':
        return get(kind, `/api/teams/${l.teamId}/members`, l.headers);
      case 'orgTrends':
        return get(kind, `/api/org/trends?${range}`, hr.headers);
      case 'heatmap':
        return get(kind, `/api/org/heatmap?${range}&metric=engagement`, hr.headers);
      case 'types':
        return get(kind, '/api/org/experiment-types', hr.headers);
      case 'export':
        return get(kind, `/api/org/export.csv?${range}`, hr.headers);
      case 'login':
      case 'badLogin':
        return {
          kind,
          method: 'POST',
          url: `${API}/api/auth/login`,
          headers: {},
          body: JSON.stringify({
            email: r.pick(emails),
            password: kind === 'login' ? BENCH_PASSWORD : 'not-the-password',
          }),
        };
      case 'ready':
        return get(kind, '/api/health/ready', {});
      default:
        throw new Error(`no request for ${kind satisfies 'submit'}`);
    }
  }

  // Windows ------------------------------------------------------------------------------------
  const weekBefore = weekNow();
  const windows: Window[] = [];
  const kinds = new Map<Kind, { latencies: number[]; status: Record<string, number> }>();
  const unexpectedSamples: string[] = [];
  let acc = { latencies: [] as number[], fiveXx: 0, unexpected: 0 };
  let created = 0;
  const onResult = (req: SoakRequest, status: number, ms: number) => {
    acc.latencies.push(ms);
    const k = kinds.get(req.kind) ?? { latencies: [], status: {} };
    kinds.set(req.kind, k);
    k.latencies.push(ms);
    const key = status === 0 ? 'error' : String(status);
    k.status[key] = (k.status[key] ?? 0) + 1;
    if (status >= 500) acc.fiveXx++;
    if (!expected(req.kind).includes(status)) {
      acc.unexpected++;
      if (unexpectedSamples.length < 20) unexpectedSamples.push(`${req.kind} → ${key}`);
    }
    if (req.kind === 'submit' && status === 201) created++;
  };

  await api.call('stats-reset');
  const t0 = performance.now();
  let sampling = Promise.resolve();
  const ticker = setInterval(() => {
    const done = acc;
    acc = { latencies: [], fiveXx: 0, unexpected: 0 };
    const endS = (performance.now() - t0) / 1000;
    sampling = sampling.then(async () => {
      const s = await api!.call('stats');
      await api!.call('stats-reset');
      const sorted = done.latencies.sort((a, b) => a - b);
      const w: Window = {
        index: windows.length + 1,
        endS: Math.round(endS),
        requests: sorted.length,
        rps: sorted.length / opts.window,
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        max: sorted.at(-1) ?? Number.NaN,
        fiveXx: done.fiveXx,
        unexpected: done.unexpected,
        rssMb: s.rssNowMb,
        rssMaxMb: s.rssMaxMb,
        heapMb: s.heapNowMb,
        eldP99Ms: s.eldP99Ms,
        eldMaxMs: s.eldMaxMs,
        load1: os.loadavg()[0]!,
      };
      windows.push(w);
      log(formatWindow(w));
    });
  }, opts.window * 1000);
  log(header());
  const run = await openLoop(nextRequest, opts.rate, opts.duration, opts.connections, onResult);
  clearInterval(ticker);
  await sampling;
  // Requests that ended after the last full window still count for errors.
  const tail = acc;
  const seconds = (performance.now() - t0) / 1000;

  // The writes: every 201 left one receipt, one response and one rollup count ------------------
  const [stored] = await api.sql<Record<string, string>>(
    `select (select count(*) from pulse_receipts where org_id = $1 and week >= $2)::text as receipts,
            (select count(*) from pulse_responses where org_id = $1 and week >= $2)::text as responses,
            (select coalesce(sum(n), 0) from team_week_stats where org_id = $1 and week >= $2)::text as rollup`,
    [orgId, weekBefore],
  );
  const [size] = await api.sql<{ bytes: string }>(
    'select pg_database_size(current_database())::text as bytes',
  );
  await cleanup();

  // Verdict ------------------------------------------------------------------------------------
  const steady = windows.filter((w) => w.endS - opts.window >= opts.warmup - 1e-9);
  const fiveXx = windows.reduce((a, w) => a + w.fiveXx, 0) + tail.fiveXx;
  const unexpected = windows.reduce((a, w) => a + w.unexpected, 0) + tail.unexpected;
  const third = Math.max(3, Math.floor(steady.length / 3));
  const early = steady.slice(0, third);
  const late = steady.slice(-third);
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  };
  const rssEarly = median(early.map((w) => w.rssMaxMb));
  const rssLate = median(late.map((w) => w.rssMaxMb));
  const secondHalf = steady.slice(Math.floor(steady.length / 2));
  const slopeSpan = secondHalf.length > 1 ? secondHalf.at(-1)!.endS - secondHalf[0]!.endS : 0;
  const slope = slopePerMinute(secondHalf.map((w) => [w.endS, w.rssMaxMb]));
  const slopeJudged = slopeSpan >= RSS_SLOPE_MIN_SECONDS;
  const p99Early = median(early.map((w) => w.p99));
  const p99Late = median(late.map((w) => w.p99));
  const p99Limit = opts.p99Factor * p99Early + opts.p99SlackMs;
  const receipts = Number(stored!.receipts);
  const responses = Number(stored!.responses);
  const rollup = Number(stored!.rollup);
  const checks: Check[] = [
    { name: '5xx', target: '0', measured: String(fiveXx), pass: fiveXx === 0 },
    {
      name: 'unexpected statuses',
      target: '0 (network errors included)',
      measured: unexpected === 0 ? '0' : `${unexpected}: ${unexpectedSamples.join(', ')}`,
      pass: unexpected === 0,
    },
    {
      name: 'lost writes',
      target: 'receipts = responses = rollup n = 201s',
      measured: `${receipts} / ${responses} / ${rollup} / ${created}`,
      pass: receipts === created && responses === created && rollup === created,
    },
    {
      name: 'RSS growth',
      target: `late ≤ ${RSS_GROWTH} × early (medians of window peaks)`,
      measured: `${fmt(rssLate, 1)} / ${fmt(rssEarly, 1)} MB = ${fmt(rssLate / rssEarly, 3)}×`,
      pass: rssLate <= RSS_GROWTH * rssEarly,
    },
    {
      name: 'RSS slope',
      target: `Theil–Sen ≤ ${RSS_SLOPE_MB_PER_MIN} MB/min, 2nd half (if ≥ ${RSS_SLOPE_MIN_SECONDS} s)`,
      measured: `${fmt(slope, 2)} MB/min over ${secondHalf.length} windows (${slopeSpan} s)${slopeJudged ? '' : ', too short to judge'}`,
      pass: !slopeJudged || slope <= RSS_SLOPE_MB_PER_MIN,
    },
    {
      name: 'p99 stable',
      target: `late ≤ ${opts.p99Factor} × early + ${opts.p99SlackMs} ms (medians)`,
      measured: `${fmt(p99Late, 1)} ms vs ${fmt(p99Early, 1)} ms (limit ${fmt(p99Limit, 1)} ms)`,
      pass: p99Late <= p99Limit,
    },
  ];
  const pass = checks.every((c) => c.pass);

  const requests = windows.reduce((a, w) => a + w.requests, 0) + tail.latencies.length;
  const rssMax = Math.max(...windows.map((w) => w.rssMaxMb));
  console.log(`\n${header()}`);
  for (const w of windows) {
    const tag = early.includes(w)
      ? 'early'
      : late.includes(w)
        ? 'late'
        : steady.includes(w)
          ? ''
          : 'warm-up';
    console.log(formatWindow(w, tag));
  }
  console.log('\nby request (whole run):');
  for (const [kind, k] of [...kinds].sort(
    (a, b) => b[1].latencies.length - a[1].latencies.length,
  )) {
    const sorted = k.latencies.sort((a, b) => a - b);
    const statuses = Object.entries(k.status)
      .map(([s, n]) => `${s}×${n}`)
      .join(' ');
    console.log(
      `  ${kind.padEnd(13)} ${String(sorted.length).padStart(7)}  p50 ${fmt(percentile(sorted, 50), 1).padStart(6)} ms  p99 ${fmt(percentile(sorted, 99), 1).padStart(7)} ms  ${statuses}`,
    );
  }
  console.log(
    `\n${fmt(seconds, 0)} s, ${requests} requests, ${fmt(requests / seconds, 1)} req/s (target ${opts.rate}; ${run.late} started late), ` +
      `${created} pulse answers over ${Math.round(opts.duration / opts.weekSeconds)} weeks; ` +
      `RSS first ${fmt(windows[0]!.rssMaxMb, 1)} MB, first steady ${fmt(steady[0]!.rssMaxMb, 1)} MB, last ${fmt(windows.at(-1)!.rssMaxMb, 1)} MB, max ${fmt(rssMax, 1)} MB; ` +
      `database ${fmt(Number(size!.bytes) / 1048576, 1)} MB; load average ${fmt(loadAtStart, 1)} at start, ${fmt(os.loadavg()[0]!, 1)} at end (${os.cpus().length} cores)`,
  );
  for (const c of checks) {
    console.log(
      `  ${(c.pass ? 'PASS' : 'FAIL').padEnd(5)} ${c.name.padEnd(20)} ${c.target.padEnd(48)} ${c.measured}`,
    );
  }
  console.log(`\nSOAK ${pass ? 'PASS' : 'FAIL'}`);

  mkdirSync(dirname(opts.out), { recursive: true });
  writeFileSync(
    opts.out,
    `${JSON.stringify(
      {
        date: new Date(started).toISOString(),
        machine: { nproc: os.cpus().length, loadAverageAtEnd: os.loadavg(), node: process.version },
        options: opts,
        org: { people: people.length, members: members.length, experiments: experimentRows.length },
        seconds,
        requests,
        late: run.late,
        windows,
        byKind: Object.fromEntries(
          [...kinds].map(([kind, k]) => [
            kind,
            {
              n: k.latencies.length,
              p50: percentile(k.latencies, 50),
              p99: percentile(k.latencies, 99),
              status: k.status,
            },
          ]),
        ),
        checks,
        pass,
      },
      null,
      2,
    )}\n`,
  );
  log(`results in ${opts.out.replace(`${process.cwd()}/`, '')}`);
  return pass;
}

/** Theil–Sen slope of (seconds, MB) points — the median of all pairwise slopes — in MB/minute. */
function slopePerMinute(points: [number, number][]): number {
  const slopes: number[] = [];
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const [x1, y1] = points[i]!;
      const [x2, y2] = points[j]!;
      if (x2 !== x1) slopes.push((y2 - y1) / (x2 - x1));
    }
  }
  if (slopes.length === 0) return 0;
  slopes.sort((a, b) => a - b);
  const mid = Math.floor(slopes.length / 2);
  const median = slopes.length % 2 ? slopes[mid]! : (slopes[mid - 1]! + slopes[mid]!) / 2;
  return median * 60;
}

function header(): string {
  return `${'window'.padStart(6)} ${'end s'.padStart(6)} ${'req'.padStart(6)} ${'req/s'.padStart(6)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'max ms'.padStart(7)} ${'5xx'.padStart(4)} ${'unexp'.padStart(5)} ${'RSS MB'.padStart(7)} ${'heap MB'.padStart(7)} ${'ELD p99'.padStart(7)} ${'load'.padStart(5)}`;
}

function formatWindow(w: Window, tag = ''): string {
  return [
    String(w.index).padStart(6),
    String(w.endS).padStart(6),
    String(w.requests).padStart(6),
    fmt(w.rps, 0).padStart(6),
    fmt(w.p50, 1).padStart(7),
    fmt(w.p99, 1).padStart(7),
    fmt(w.max, 0).padStart(7),
    String(w.fiveXx).padStart(4),
    String(w.unexpected).padStart(5),
    fmt(w.rssMaxMb, 1).padStart(7),
    fmt(w.heapMb, 1).padStart(7),
    fmt(w.eldP99Ms, 1).padStart(7),
    fmt(w.load1, 1).padStart(5),
    tag,
  ].join(' ');
}

main()
  .then((pass) => {
    process.exitCode = pass ? 0 : 1;
  })
  .catch(async (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    await cleanup();
    process.exitCode = 1;
  });
