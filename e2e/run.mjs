#!/usr/bin/env node
// Browser tests, end to end: starts the API (which serves the built SPA) on a free port with a
// fresh database, waits until it is ready, runs e2e/tests/*.e2e.ts with vitest, and always stops
// the server afterwards.
//
//   node e2e/run.mjs                 embedded PGlite in a fresh temporary DATA_DIR
//   E2E_DATABASE_URL=postgres://… node e2e/run.mjs
//                                    that (empty) PostgreSQL database, demo organisation seeded
//   node e2e/run.mjs pulse           extra arguments go to vitest (here: a file filter)
//   node e2e/run.mjs --bench         the browser benchmarks (e2e/bench/*.bench.ts) instead
//
// Against a server you started yourself (fresh demo database):
//   E2E_BASE_URL=http://127.0.0.1:3000 npx vitest run --config e2e/vitest.config.ts
//
// Expects apps/web/dist (made by `pnpm build`) and Chromium at /usr/bin/chromium (or E2E_CHROMIUM).
// Screenshots and the server log land in e2e/artifacts/<embedded|postgres>/ (bench-<…> for --bench).
import { spawn } from 'node:child_process';
import {
  cpSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';
import { freePort } from '../scripts/free-port.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const benchmarks = process.argv[2] === '--bench';
const vitestArgs = process.argv.slice(benchmarks ? 3 : 2);
const databaseUrl = process.env.E2E_DATABASE_URL || undefined;
const mode = databaseUrl ? 'postgres' : 'embedded';
const label = `${benchmarks ? 'benchmarks, ' : ''}${databaseUrl ? 'PostgreSQL' : 'embedded PGlite'}`;
const artifacts = join(root, 'e2e', 'artifacts', benchmarks ? `bench-${mode}` : mode);
const chromiumPath = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
const READY_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 15_000;

function say(message) {
  console.log(`[e2e] ${message}`);
}

function fail(message) {
  console.error(`[e2e] ${message}`);
  process.exit(1);
}

if (!existsSync(join(root, 'apps/web/dist/index.html'))) {
  fail('apps/web/dist/index.html is missing: run `npx --yes pnpm@10.34.9 build` first.');
}
if (!existsSync(chromiumPath)) {
  fail(
    `Chromium not found at ${chromiumPath}: install it (apt-get install -y chromium) or set E2E_CHROMIUM.`,
  );
}
const vitestBin = join(root, 'node_modules/vitest/vitest.mjs');
if (!existsSync(vitestBin)) fail('vitest is not installed: run `npx --yes pnpm@10.34.9 install`.');

rmSync(artifacts, { recursive: true, force: true });
mkdirSync(artifacts, { recursive: true });
const workDir = mkdtempSync(join(tmpdir(), 'leeway-e2e-'));
const dataDir = join(workDir, 'data');
// The server serves a snapshot of the build, so a `pnpm build` running meanwhile (which empties
// apps/web/dist first) cannot pull pages away from under the tests.
const webDist = join(workDir, 'web-dist');
try {
  cpSync(join(root, 'apps/web/dist'), webDist, { recursive: true });
} catch (error) {
  rmSync(workDir, { recursive: true, force: true });
  fail(`could not copy apps/web/dist: ${error.message}`);
}
if (!existsSync(join(webDist, 'index.html'))) {
  rmSync(workDir, { recursive: true, force: true });
  fail('apps/web/dist changed while it was copied (a build running?): try again.');
}
const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;

// A real SMTP server for the server's e-mail: every message it accepts is written to the mailbox
// folder as <n>.eml, where the tests read it (e2e/lib/mail.ts).
const mailbox = join(workDir, 'mailbox');
mkdirSync(mailbox, { recursive: true });
let mailCount = 0;
const smtp = new SMTPServer({
  disabledCommands: ['STARTTLS', 'AUTH'],
  authOptional: true,
  logger: false,
  onData(stream, _session, callback) {
    const chunks = [];
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('end', () => {
      mailCount += 1;
      writeFileSync(
        join(mailbox, `${String(mailCount).padStart(5, '0')}.eml`),
        Buffer.concat(chunks),
      );
      callback();
    });
  },
});
const smtpPort = await freePort();
await new Promise((resolveListen) => smtp.listen(smtpPort, '127.0.0.1', resolveListen));

const serverEnv = {
  ...process.env,
  NODE_ENV: 'development',
  HOST: '127.0.0.1',
  PORT: String(port),
  DATA_DIR: dataDir,
  WEB_DIST: webDist,
  LOG_LEVEL: process.env.E2E_LOG_LEVEL || 'info',
  SEED_DEMO: 'true',
  // The suite signs in as the demo admin more often than the production limit (10 per account
  // per 15 minutes) allows; the limit itself is tested by the API suite.
  LOGIN_RATE_LIMIT: process.env.E2E_LOGIN_RATE_LIMIT || '100,1000,900',
  SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
  MAIL_FROM: 'Leeway <leeway@example.test>',
};
// Whatever the caller's shell holds, the server gets exactly the database this run is about.
delete serverEnv.DATABASE_URL;
delete serverEnv.PUBLIC_URL;
delete serverEnv.REDIS_URL;
if (databaseUrl) serverEnv.DATABASE_URL = databaseUrl;
// Links in e-mails point at this server, as a browser opens it.
serverEnv.PUBLIC_URL = baseUrl;

const serverLogPath = join(artifacts, 'server.log');
const serverLog = createWriteStream(serverLogPath);
const recentLines = [];
function remember(chunk) {
  serverLog.write(chunk);
  for (const line of chunk.toString().split('\n')) {
    if (!line) continue;
    recentLines.push(line);
    if (recentLines.length > 40) recentLines.shift();
  }
}

say(`starting the API on ${baseUrl} (database: ${label})`);
const server = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/server.ts'], {
  cwd: root,
  env: serverEnv,
  stdio: ['ignore', 'pipe', 'pipe'],
});
let serverExit = null;
const serverExited = new Promise((resolveExit) => {
  server.on('exit', (code, signal) => {
    serverExit = { code, signal };
    resolveExit(serverExit);
  });
});
server.stdout.on('data', remember);
server.stderr.on('data', remember);

let stopping = null;
function stopServer() {
  stopping ??= (async () => {
    if (serverExit === null) {
      server.kill('SIGTERM');
      const timer = setTimeout(() => {
        if (serverExit === null) server.kill('SIGKILL');
      }, STOP_TIMEOUT_MS);
      await serverExited;
      clearTimeout(timer);
    }
    await new Promise((done) => serverLog.end(done));
    await new Promise((done) => smtp.close(done));
    rmSync(workDir, { recursive: true, force: true });
  })();
  return stopping;
}

let vitest = null;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    say(`${signal}: stopping`);
    vitest?.kill(signal);
    await stopServer();
    process.exit(130);
  });
}

function printServerTail() {
  console.error(`[e2e] last lines of the server log (${relative(root, serverLogPath)}):`);
  for (const line of recentLines) console.error(`  ${line}`);
}

async function waitUntilReady() {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (serverExit !== null) {
      throw new Error(`the server exited before it was ready (${JSON.stringify(serverExit)})`);
    }
    try {
      const response = await fetch(`${baseUrl}/api/health/ready`, {
        signal: AbortSignal.timeout(2_000),
      });
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error.cause?.code ?? error.message;
    }
    // Poll the health endpoint (the server has no other way to say it is ready) at a gentle pace.
    await Promise.race([new Promise((r) => setTimeout(r, 250)), serverExited]);
  }
  throw new Error(`not ready after ${READY_TIMEOUT_MS / 1000} s (last: ${last})`);
}

function runVitest() {
  const resultsFile = join(artifacts, 'results.json');
  const args = [
    vitestBin,
    'run',
    '--config',
    benchmarks ? 'e2e/vitest.bench.config.ts' : 'e2e/vitest.config.ts',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${resultsFile}`,
    ...vitestArgs,
  ];
  vitest = spawn(process.execPath, args, {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      E2E_BASE_URL: baseUrl,
      E2E_ARTIFACTS: artifacts,
      E2E_CHROMIUM: chromiumPath,
      E2E_DATABASE: label,
      E2E_MAILBOX: mailbox,
    },
  });
  return new Promise((done) => {
    vitest.on('exit', (code, signal) => done({ code: signal ? 1 : (code ?? 1), resultsFile }));
  });
}

function summaryOf(resultsFile) {
  try {
    const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
    return {
      passed: results.numPassedTests,
      failed: results.numFailedTests,
      skipped: (results.numPendingTests ?? 0) + (results.numTodoTests ?? 0),
      total: results.numTotalTests,
      // Files that failed before any of their tests ran (a syntax error, a failing hook).
      filesFailed: results.testResults.filter(
        (file) =>
          file.status === 'failed' && file.assertionResults.every((t) => t.status !== 'failed'),
      ).length,
    };
  } catch {
    return null;
  }
}

let exitCode = 1;
const started = Date.now();
try {
  await waitUntilReady();
  say(`server ready after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const { code, resultsFile } = await runVitest();
  const summary = summaryOf(resultsFile);
  if (summary) {
    const failed = summary.failed + (summary.total === 0 ? 1 : 0);
    exitCode = code !== 0 || failed > 0 || summary.filesFailed > 0 ? 1 : 0;
    say(
      `E2E (${label}): ${summary.passed} passed, ${summary.failed} failed` +
        (summary.skipped ? `, ${summary.skipped} skipped` : '') +
        (summary.filesFailed
          ? `, ${summary.filesFailed} test file(s) failed outside their tests`
          : '') +
        ` — ${exitCode === 0 ? 'PASS' : 'FAIL'}`,
    );
  } else {
    exitCode = code || 1;
    say(`E2E (${label}): no results were written (vitest exited with ${code}) — FAIL`);
  }
  if (exitCode !== 0) {
    say(`screenshots and the server log: ${relative(root, artifacts)}/`);
  }
} catch (error) {
  say(`could not run the browser tests: ${error.message}`);
  printServerTail();
  exitCode = 1;
} finally {
  await stopServer();
}
process.exit(exitCode);
