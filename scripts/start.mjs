#!/usr/bin/env node
// `pnpm start`: builds the web app when its sources changed since the last build (a hash of its
// inputs is kept in apps/web/dist), then runs the API, which migrates the database and serves
// the build. Ctrl-C stops the server gracefully and ends quietly: the terminal sends SIGINT to
// every process of the foreground group, so this script does not forward it a second time (a
// second signal would make the server give up its graceful close) and exits 0 once the server
// has stopped cleanly.
//
//   node scripts/start.mjs            build if needed, then serve
//   node scripts/start.mjs --build    always build first
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'apps/web');
const api = join(root, 'apps/api');
const stampFile = join(web, 'dist', '.build-inputs');

/** Everything the web build reads: its sources, its config, and the packages it bundles. */
const INPUTS = [
  'apps/web/src',
  'apps/web/public',
  'apps/web/index.html',
  'apps/web/vite.config.ts',
  'apps/web/package.json',
  'apps/web/tsconfig.json',
  'packages/contracts/src',
  'packages/contracts/package.json',
  'packages/domain/src',
  'packages/domain/package.json',
  'pnpm-lock.yaml',
];

function files(path) {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [full];
  return readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** A hash of the inputs' paths and contents: unchanged sources give the same hash. */
function inputsHash() {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap(files).sort()) {
    hash.update(relative(root, file));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function run(command, args, options) {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options });
    child.on('error', fail);
    child.on('exit', (code, signal) => done({ code, signal }));
  });
}

// Ctrl-C reaches the server directly (same process group); this script only waits for it.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopping = true;
    // A SIGTERM may be for this process only (a supervisor); Ctrl-C's SIGINT reached all of us.
    if (signal === 'SIGTERM') server?.kill('SIGTERM');
  });
}
let stopping = false;
let server;

const hash = inputsHash();
const built = existsSync(join(web, 'dist/index.html')) && existsSync(stampFile);
if (process.argv.includes('--build') || !built || readFileSync(stampFile, 'utf8') !== hash) {
  console.log('Building the web app…');
  const vite = join(web, 'node_modules/vite/bin/vite.js');
  const { code, signal } = await run(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: web,
  });
  if (stopping) process.exit(0);
  if (code !== 0) {
    console.error(`The web build failed (${signal ?? `exit code ${code}`}).`);
    process.exit(code ?? 1);
  }
  writeFileSync(stampFile, hash);
} else {
  console.log('The web app is built and current: not building it again.');
}

server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
  cwd: api,
  stdio: 'inherit',
});
server.on('exit', (code, signal) => {
  if (stopping && (code === 0 || signal === 'SIGINT' || signal === 'SIGTERM')) process.exit(0);
  process.exit(code ?? 1);
});
