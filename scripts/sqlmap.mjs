#!/usr/bin/env node
// pnpm test:sqlmap — sqlmap (Debian package) against the login, team trends and experiment
// impact endpoints of a server started here on the embedded database with the demo loaded.
// Fails if sqlmap reports any injection point.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.mjs';

if (spawnSync('sqlmap', ['--version']).status !== 0) {
  console.error('sqlmap is not installed (apt-get install -y sqlmap)');
  process.exit(2);
}

const port = await freePort();
const dataDir = mkdtempSync(join(tmpdir(), 'leeway-sqlmap-'));
const base = `http://127.0.0.1:${port}`;
const server = spawn('npx', ['tsx', 'apps/api/src/server.ts'], {
  env: {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    SEED_DEMO: 'true',
    LOG_LEVEL: 'warn',
    DATABASE_URL: '',
    LOGIN_RATE_LIMIT: '1000000,1000000,60',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
  detached: true,
});
const stop = () => {
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {}
  rmSync(dataDir, { recursive: true, force: true });
};
process.on('exit', stop);

const deadline = Date.now() + 180_000;
for (;;) {
  try {
    if ((await fetch(`${base}/api/health/ready`)).ok) break;
  } catch {}
  if (Date.now() > deadline) throw new Error('server did not become ready');
  await new Promise((r) => setTimeout(r, 500));
}

const login = await fetch(`${base}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: 'lead@example.com', password: 'leeway-demo' }),
});
const token = /leeway_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
if (!token) throw new Error('could not sign in as the demo lead');
const auth = { authorization: `Bearer ${token}` };
const me = await (await fetch(`${base}/api/me`, { headers: auth })).json();
const teamId = me.leads[0].id;
const { experiments } = await (
  await fetch(`${base}/api/teams/${teamId}/experiments`, { headers: auth })
).json();
const experimentId = experiments.find((e) => e.status === 'completed').id;

const common = [
  '--batch',
  '--level=2',
  '--risk=1',
  '--time-sec=2',
  '--timeout=10',
  '--retries=1',
  '--threads=4',
  '--flush-session',
  `--output-dir=${join(dataDir, 'sqlmap')}`,
  '--disable-coloring',
];
const targets = [
  {
    name: 'login',
    args: [
      '-u',
      `${base}/api/auth/login`,
      '--method=POST',
      '--data',
      '{"email":"lead@example.com","password":"guess"}',
      '--headers',
      'Content-Type: application/json',
      '--ignore-code=401',
    ],
  },
  {
    name: 'team trends',
    args: [
      '-u',
      `${base}/api/teams/${teamId}*/trends?from=2026-W30&to=2026-W40`,
      '--headers',
      `Authorization: Bearer ${token}`,
    ],
  },
  {
    name: 'experiment impact',
    args: [
      '-u',
      `${base}/api/experiments/${experimentId}*/impact`,
      '--headers',
      `Authorization: Bearer ${token}`,
    ],
  },
];

let found = false;
for (const target of targets) {
  const started = Date.now();
  const run = spawnSync('sqlmap', [...target.args, ...common], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${run.stdout}\n${run.stderr}`;
  const vulnerable =
    /identified the following injection point|is vulnerable|parameter '.*' is injectable/i.test(
      output,
    );
  const tested = (output.match(/testing '/g) ?? []).length;
  console.log(
    `sqlmap ${target.name}: ${tested} payload families tried in ${Math.round((Date.now() - started) / 1000)} s — ${vulnerable ? 'INJECTABLE' : 'nothing found'}`,
  );
  if (vulnerable) {
    found = true;
    console.log(
      output
        .split('\n')
        .filter((l) => /inject|vulnerable|Payload/i.test(l))
        .join('\n'),
    );
  }
  if (tested === 0) {
    console.log(output.slice(-2000));
    found = true;
  }
}
stop();
console.log(found ? 'sqlmap: 0 passed, 1 failed' : `sqlmap: ${targets.length} passed, 0 failed`);
process.exit(found ? 1 : 0);
