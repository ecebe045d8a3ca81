/**
 * Lighthouse 12 on the team page, signed in as the demo lead, against `pnpm start`:
 *
 *   pnpm bench:web [--runs 3] [--port 3400] [--data-dir bench/data/web] [--form-factors desktop,mobile]
 *                  [--no-start --url http://localhost:3000]  (use a server that is already running)
 *
 * Starts `pnpm start` (which builds the web app, then serves it with the API on PGlite and the
 * demo organisation), signs in through the API, and passes the session to Lighthouse as a
 * `Cookie: leeway_session=…` extra header. Prints the performance score and LCP per form factor
 * (median of --runs, range) against the targets (≥ 95, ≤ 1.0 s), and the JavaScript the sign-in
 * page loads initially. Writes bench/results/web.json.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import { flagsOf } from './lib/args.ts';
import { fmt, spread } from './lib/stats.ts';

const f = flagsOf();
const opts = {
  runs: f.int('runs', 3, 1),
  port: f.int('port', 3400, 1024),
  dataDir: resolve(f.string('data-dir', 'bench/data/web')),
  formFactors: f.string('form-factors', 'desktop,mobile').split(','),
  start: f.bool('start', true),
  url: f.optionalString('url'),
  chromePath: f.string('chrome-path', process.env.CHROME_PATH ?? '/usr/bin/chromium'),
  email: f.string('email', 'lead@example.com'),
  password: f.string('password', 'leeway-demo'),
  out: resolve(f.string('out', 'bench/results/web.json')),
};
f.done();
const base = opts.url ?? `http://localhost:${opts.port}`;
const log = (line: string) => process.stderr.write(`${line}\n`);
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
];

/** Whether something already answers on the port (then `pnpm start` would fail to listen, and
 * the audits would silently measure that other server). */
async function portTaken(): Promise<boolean> {
  try {
    await fetch(`${base}/api/health/live`, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

/** `pnpm start`, in a process group of its own so that stopping it stops tsx and node too. */
function startServer(): ChildProcess {
  const pnpm = process.env.npm_execpath?.includes('pnpm')
    ? [process.execPath, process.env.npm_execpath]
    : ['npx', '--yes', 'pnpm@10.34.9'];
  log(
    `starting \`pnpm start\` on port ${opts.port} (build, then the API on PGlite in ${opts.dataDir})…`,
  );
  const child = spawn(pnpm[0]!, [...pnpm.slice(1), 'start'], {
    cwd: resolve(import.meta.dirname, '..'),
    env: {
      ...process.env,
      PORT: String(opts.port),
      HOST: '127.0.0.1',
      DATA_DIR: opts.dataDir,
      SEED_DEMO: 'true',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  // Forwarded until we stop it (pnpm then reports the SIGTERM as a failure: not worth showing).
  child.stdout?.on('data', (chunk: Buffer) => {
    if (!stopping) process.stderr.write(chunk);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    if (!stopping) process.stderr.write(chunk);
  });
  return child;
}

async function waitReady(server: ChildProcess | null, timeoutMs = 600_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (server && server.exitCode !== null)
      throw new Error(`pnpm start exited (${server.exitCode})`);
    try {
      const res = await fetch(`${base}/api/health/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`${base} did not become ready`);
}

async function signIn(): Promise<{ cookie: string; teamId: string }> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: opts.email, password: opts.password }),
  });
  if (!res.ok) throw new Error(`login as ${opts.email}: HTTP ${res.status} ${await res.text()}`);
  const token = /leeway_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  if (!token) throw new Error('login set no leeway_session cookie');
  const cookie = `leeway_session=${token}`;
  const me = (await (await fetch(`${base}/api/me`, { headers: { cookie } })).json()) as {
    leads?: { id: string }[];
    teams?: { id: string }[];
  };
  const teamId = me.leads?.[0]?.id ?? me.teams?.[0]?.id;
  if (!teamId) throw new Error(`${opts.email} leads no team`);
  return { cookie, teamId };
}

interface LhRun {
  score: number;
  lcp: number;
  fcp: number;
  tbt: number;
  cls: number;
  si: number;
  scriptBytes: number;
  scriptTransfer: number;
  lcpElement: string | undefined;
  diagnostics: Record<string, unknown>;
}

/** The few Lighthouse details that say where the time and the shifts come from. */
function diagnosticsOf(lhr: any): Record<string, unknown> {
  const items = (id: string) => (lhr.audits[id]?.details?.items ?? []) as any[];
  const short = (url: string) => String(url ?? '').replace(/^https?:\/\/[^/]+/, '');
  return {
    mainThread: items('mainthread-work-breakdown')
      .slice(0, 6)
      .map((i) => `${i.groupLabel ?? i.group}: ${Math.round(i.duration)} ms`),
    bootup: items('bootup-time')
      .slice(0, 5)
      .map(
        (i) => `${short(i.url)}: ${Math.round(i.total)} ms (script ${Math.round(i.scripting)} ms)`,
      ),
    longTasks: items('long-tasks')
      .slice(0, 6)
      .map((i) => `${short(i.url)} ${Math.round(i.duration)} ms at ${Math.round(i.startTime)} ms`),
    layoutShiftsError: lhr.audits['layout-shifts']?.errorMessage,
    layoutShifts: items('layout-shifts')
      .slice(0, 5)
      .map(
        (i) =>
          `${(i.score ?? 0).toFixed(3)} ${String(i.node?.snippet ?? i.node?.selector ?? '?').slice(0, 120)}`,
      ),
    textCompression: items('uses-text-compression')
      .slice(0, 5)
      .map(
        (i) =>
          `${short(i.url)}: ${Math.round(i.totalBytes / 1000)} kB, ${Math.round(i.wastedBytes / 1000)} kB saved by compression`,
      ),
    totalByteWeightKb: Math.round(
      Number(lhr.audits['total-byte-weight']?.numericValue ?? 0) / 1000,
    ),
  };
}

let reportNo = 0;

/** Lighthouse now and then fails to record a trace on a busy machine (NO_NAVSTART): try again. */
async function audit(
  url: string,
  formFactor: string,
  headers: Record<string, string>,
): Promise<LhRun> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await auditOnce(url, formFactor, headers);
    } catch (error) {
      if (attempt >= 3 || !(error instanceof LighthouseRuntimeError)) throw error;
      log(`  ${formFactor}: ${error.message}; trying again`);
    }
  }
}

class LighthouseRuntimeError extends Error {}

async function auditOnce(
  url: string,
  formFactor: string,
  headers: Record<string, string>,
): Promise<LhRun> {
  const chrome = await chromeLauncher.launch({
    chromePath: opts.chromePath,
    chromeFlags: CHROME_FLAGS,
  });
  try {
    const result = await lighthouse(
      url,
      {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance'],
        extraHeaders: headers,
      },
      formFactor === 'desktop' ? desktopConfig : undefined,
    );
    if (!result) throw new Error('lighthouse returned nothing');
    const lhr = result.lhr;
    // The whole report, for anyone who wants more than the summary (open it in the Lighthouse viewer).
    mkdirSync(resolve(opts.out, '..', 'lighthouse'), { recursive: true });
    writeFileSync(
      resolve(
        opts.out,
        '..',
        'lighthouse',
        `${++reportNo}-${formFactor}${new URL(url).pathname.replace(/\//g, '_')}.json`,
      ),
      typeof result.report === 'string' ? result.report : JSON.stringify(lhr),
    );
    if (lhr.runtimeError) {
      throw new LighthouseRuntimeError(`lighthouse: ${lhr.runtimeError.message}`);
    }
    const num = (id: string) => Number(lhr.audits[id]?.numericValue ?? Number.NaN);
    const requests = ((lhr.audits['network-requests']?.details as any)?.items ?? []) as {
      resourceType?: string;
      resourceSize?: number;
      transferSize?: number;
    }[];
    const scripts = requests.filter((r) => r.resourceType === 'Script');
    const lcpItem = (lhr.audits['largest-contentful-paint-element']?.details as any)?.items?.[0];
    return {
      score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
      lcp: num('largest-contentful-paint'),
      fcp: num('first-contentful-paint'),
      tbt: num('total-blocking-time'),
      cls: num('cumulative-layout-shift'),
      si: num('speed-index'),
      scriptBytes: scripts.reduce((a, r) => a + (r.resourceSize ?? 0), 0),
      scriptTransfer: scripts.reduce((a, r) => a + (r.transferSize ?? 0), 0),
      lcpElement: lcpItem?.items?.[0]?.node?.snippet ?? lcpItem?.node?.snippet,
      diagnostics: diagnosticsOf(lhr),
    };
  } finally {
    chrome.kill();
  }
}

let stopping = false;
if (opts.start && !opts.url && (await portTaken())) {
  throw new Error(
    `${base} is already in use: stop that server, pick another --port, or audit it with --url ${base}`,
  );
}
const server = opts.start && !opts.url ? startServer() : null;
const stop = () => {
  stopping = true;
  if (server?.pid && server.exitCode === null) {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
};
process.on('SIGINT', () => {
  stop();
  process.exit(130);
});
// Also when something throws outside the try below (chrome-launcher's spawn errors do): never
// leave the server running.
process.on('exit', stop);

try {
  await waitReady(server);
  const { cookie, teamId } = await signIn();
  const teamUrl = `${base}/teams/${teamId}`;
  log(`signed in as ${opts.email}; auditing ${teamUrl}`);
  const results: Record<string, LhRun[]> = {};
  for (let i = 0; i < opts.runs; i++) {
    for (const ff of opts.formFactors) {
      const r = await audit(teamUrl, ff, { Cookie: cookie });
      const list = results[ff] ?? [];
      results[ff] = list;
      list.push(r);
      log(
        `  ${ff.padEnd(8)} run ${i + 1}: score ${r.score}  LCP ${fmt(r.lcp)} ms  FCP ${fmt(r.fcp)} ms  TBT ${fmt(r.tbt)} ms  CLS ${fmt(r.cls, 3)}`,
      );
    }
  }
  log('sign-in page…');
  const signin = await audit(`${base}/signin`, 'desktop', {});
  const bundle = JSON.parse(
    execFileSync(
      process.execPath,
      [resolve(import.meta.dirname, '../scripts/check-bundle-size.mjs'), '--json'],
      {
        encoding: 'utf8',
      },
    ).toString(),
  ) as {
    total: { bytes: number; gzip: number };
    limitKb: number;
    chunks: unknown[];
    failures: string[];
  };

  const summary = Object.fromEntries(
    Object.entries(results).map(([ff, runs]) => [
      ff,
      {
        score: spread(runs.map((r) => r.score)),
        lcp: spread(runs.map((r) => r.lcp)),
        fcp: spread(runs.map((r) => r.fcp)),
        tbt: spread(runs.map((r) => r.tbt)),
        cls: spread(runs.map((r) => r.cls)),
        lcpElement: runs[0]?.lcpElement,
        diagnostics: runs[0]?.diagnostics,
        scriptTransfer: runs[0]?.scriptTransfer,
        pass: {
          score: spread(runs.map((r) => r.score)).median >= 95,
          lcp: spread(runs.map((r) => r.lcp)).median <= 1000,
        },
      },
    ]),
  );
  mkdirSync(resolve(opts.out, '..'), { recursive: true });
  writeFileSync(
    opts.out,
    `${JSON.stringify({ date: new Date().toISOString(), url: teamUrl, lighthouse: '12.2.3', runs: results, summary, signin, bundle }, null, 2)}\n`,
  );

  console.log(`\nLighthouse 12.2.3, team page (${teamUrl}), median of ${opts.runs} [min–max]:`);
  for (const [ff, s] of Object.entries(summary)) {
    const r = (x: { median: number; min: number; max: number }, d = 0) =>
      `${fmt(x.median, d)} [${fmt(x.min, d)}–${fmt(x.max, d)}]`;
    console.log(
      `  ${ff.padEnd(8)} performance ${r(s.score)} ${s.pass.score ? 'PASS' : 'MISS'} (≥ 95)   LCP ${r(s.lcp)} ms ${s.pass.lcp ? 'PASS' : 'MISS'} (≤ 1,000)   FCP ${fmt(s.fcp.median)} ms  TBT ${fmt(s.tbt.median)} ms  CLS ${fmt(s.cls.median, 3)}`,
    );
    if (s.lcpElement) console.log(`           LCP element: ${s.lcpElement}`);
    for (const [name, value] of Object.entries(s.diagnostics ?? {})) {
      const list = Array.isArray(value) ? value : [value];
      if (list.length > 0) console.log(`           ${name}: ${list.join(' · ')}`);
    }
  }
  console.log(
    `Sign-in page: initial JS ${fmt(bundle.total.gzip / 1000, 1)} kB gzipped (${fmt(bundle.total.bytes / 1000, 1)} kB raw, budget ${bundle.limitKb} kB: ${bundle.failures.length === 0 ? 'PASS' : 'FAIL'}); ` +
      `all scripts it loads: ${fmt(signin.scriptBytes / 1000, 1)} kB, ${fmt(signin.scriptTransfer / 1000, 1)} kB over the wire; performance ${signin.score}, LCP ${fmt(signin.lcp)} ms (desktop).`,
  );
} finally {
  stop();
}
