/**
 * The fault tests' machinery: a private PostgreSQL server to stop and start, the API as real
 * server processes (started as `pnpm start` does), and bounded HTTP requests to them. What runs
 * against them and how it is checked (the load of pulse submissions, the Jepsen-style set check)
 * is workload.ts.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const apiDir = fileURLToPath(new URL('../..', import.meta.url));

export const now = () => performance.now();
export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns a value other than undefined, or fails after `deadlineMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  deadlineMs: number,
  intervalMs = 50,
): Promise<T> {
  const end = now() + deadlineMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (now() > end) throw new Error(`timed out after ${deadlineMs} ms waiting for ${what}`);
    await pause(intervalMs);
  }
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** True when nothing accepts TCP connections on the port any more. */
export function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

// ---------------------------------------------------------------------------------------------
// A private PostgreSQL server

function postgresBinaries(): string {
  const given = process.env.PG_BIN;
  if (given) return given;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error('PostgreSQL server binaries not found: install postgresql or set PG_BIN');
  }
  return join(root, versions[0]!, 'bin');
}

export interface PrivatePostgres {
  port: number;
  /** URL of a database on this server (created by `createDatabase`). */
  url(database: string): string;
  createDatabase(name: string): Promise<void>;
  /** `pg_ctl stop -m immediate`: every server process is killed, no checkpoint. */
  crash(): Promise<void>;
  /** `pg_ctl start`, returning once the server accepts connections. */
  start(): Promise<void>;
  destroy(): void;
}

/**
 * A throwaway cluster in a temporary folder, on a free port, never the shared server. initdb
 * refuses to run as root, so as root the server runs as the `postgres` OS user that the
 * PostgreSQL packages create.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBinaries();
  const asRoot = process.getuid?.() === 0;
  const argv = (command: string, args: string[]): [string, string[]] =>
    asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, command), ...args]]
      : [join(bin, command), args];
  const failure = (command: string, args: string[], status: unknown, output: string) =>
    new Error(`${command} ${args.join(' ')} failed (${status}): ${output}`);
  const run = (command: string, args: string[]) => {
    const [file, list] = argv(command, args);
    const result = spawnSync(file, list, { encoding: 'utf8', timeout: 120_000 });
    if (result.status !== 0) {
      throw failure(command, args, result.status ?? result.signal, result.stderr + result.stdout);
    }
  };
  // pg_ctl waits for the server: run without blocking this process, whose load goes on meanwhile.
  const runAsync = (command: string, args: string[]) =>
    new Promise<void>((resolve, reject) => {
      const [file, list] = argv(command, args);
      const child = spawn(file, list, { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      child.once('error', reject);
      child.once('exit', (code) =>
        code === 0 ? resolve() : reject(failure(command, args, code, output)),
      );
    });
  if (asRoot && spawnSync('id', ['-u', 'postgres']).status !== 0) {
    throw new Error(
      'The fault tests run a private PostgreSQL as the `postgres` OS user, since initdb refuses root; ' +
        'that user is missing (the postgresql packages create it).',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'leeway-faults-pg-'));
  if (asRoot) {
    const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const port = await freePort();
  run('initdb', ['-D', data, '--auth=trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  const options = [
    '-c listen_addresses=127.0.0.1',
    `-c port=${port}`,
    `-c unix_socket_directories=${dir}`,
    '-c max_connections=60',
    '-c shared_buffers=32MB',
  ].join(' ');
  const startArgs = ['-D', data, '-l', join(dir, 'server.log'), '-o', options, '-w', '-t', '60'];
  run('pg_ctl', [...startArgs, 'start']);
  let running = true;
  const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    async createDatabase(name) {
      const { default: postgres } = await import('postgres');
      const admin = postgres(url('postgres'), { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      await admin.end();
    },
    async crash() {
      await runAsync('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      running = false;
    },
    async start() {
      await runAsync('pg_ctl', [...startArgs, 'start']);
      running = true;
    },
    destroy() {
      try {
        if (running) run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The API as a server process

export interface ApiProcess {
  base: string;
  port: number;
  pid: number;
  /** Exit code (or signal) once the process has ended; null while it runs. */
  exit: { code: number | null; signal: NodeJS.Signals | null } | null;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The last 64 KB of its stdout and stderr, for failure messages. */
  output(): string;
  kill(signal: NodeJS.Signals): void;
}

export const JWT_SECRET = randomBytes(48).toString('base64url');

/** `node --import tsx src/server.ts` in apps/api, as the Dockerfile and `pnpm start` run it. */
export async function startApi(
  database: { url: string } | { dataDir: string },
): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: apiDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TMPDIR: process.env.TMPDIR,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      JWT_SECRET,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      WEB_DIST: '/nonexistent',
      ...('url' in database ? { DATABASE_URL: database.url } : { DATA_DIR: database.dataDir }),
    },
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-65_536);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const api: ApiProcess = {
    base: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid!,
    exit: null,
    exited: new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        api.exit = { code, signal };
        resolve(api.exit);
      }),
    ),
    output: () => log,
    kill: (signal) => {
      if (api.exit === null) child.kill(signal);
    },
  };
  await waitFor(
    `the API on port ${port} to be ready`,
    async () => {
      if (api.exit) throw new Error(`the API exited while starting (${api.exit.code}):\n${log}`);
      const res = await send(api, 'GET', '/api/health/ready', { timeoutMs: 2000 });
      return res.status === 200 ? true : undefined;
    },
    90_000,
    100,
  );
  return api;
}

export async function stopApi(api: ApiProcess | undefined) {
  if (!api || api.exit) return;
  api.kill('SIGKILL');
  await api.exited;
}

// ---------------------------------------------------------------------------------------------
// HTTP

export interface Reply {
  status: number;
  type: string;
  body: any;
  ms: number;
  /** Set when no HTTP answer came: the socket failed (e.g. ECONNRESET) or TIMEOUT. */
  error?: string;
}

const agents = new Map<string, http.Agent>();
const agentOf = (base: string) => {
  let agent = agents.get(base);
  if (!agent) {
    agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
    agents.set(base, agent);
  }
  return agent;
};

/** Every request is bounded: no answer within `timeoutMs` is reported as error TIMEOUT. */
export function send(
  api: { base: string },
  method: 'GET' | 'POST',
  path: string,
  options: { token?: string; body?: unknown; timeoutMs?: number } = {},
): Promise<Reply> {
  const started = now();
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve) => {
    let settled = false;
    const settle = (reply: Omit<Reply, 'ms'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...reply, ms: now() - started });
    };
    const req = http.request(`${api.base}${path}`, {
      method,
      agent: agentOf(api.base),
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(payload ? { 'content-type': 'application/json' } : {}),
      },
    });
    const timer = setTimeout(() => {
      settle({ status: 0, type: '', body: null, error: 'TIMEOUT' });
      req.destroy();
    }, options.timeoutMs ?? 20_000);
    req.once('error', (error: NodeJS.ErrnoException) =>
      settle({ status: 0, type: '', body: null, error: error.code ?? error.message }),
    );
    req.once('response', (res) => {
      let raw = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        raw += chunk;
      });
      res.once('error', (error: NodeJS.ErrnoException) =>
        settle({ status: 0, type: '', body: null, error: error.code ?? error.message }),
      );
      res.once('end', () => {
        let body: unknown = raw;
        try {
          body = raw ? JSON.parse(raw) : null;
        } catch {}
        settle({
          status: res.statusCode ?? 0,
          type: String(res.headers['content-type'] ?? ''),
          body,
        });
      });
    });
    req.end(payload);
  });
}

/** A 5xx as the API promises it: problem+json, and nothing internal in it. */
export function cleanProblem(reply: Reply): boolean {
  const b = reply.body;
  return (
    reply.type.startsWith('application/problem+json') &&
    typeof b === 'object' &&
    b !== null &&
    b.status === reply.status &&
    typeof b.type === 'string' &&
    typeof b.title === 'string' &&
    typeof b.detail === 'string' &&
    !('stack' in b) &&
    !/ECONN|CONNECTION_|postgres|\n\s+at /i.test(JSON.stringify(b))
  );
}

/** GET /api/health/ready every 100 ms, each answer kept with the moment it arrived. */
export function watchReadiness(api: ApiProcess) {
  const samples: { at: number; status: number }[] = [];
  let stopped = false;
  const running = (async () => {
    while (!stopped) {
      const reply = await send(api, 'GET', '/api/health/ready', { timeoutMs: 5000 });
      samples.push({ at: now(), status: reply.status });
      await pause(100);
    }
  })();
  return {
    /** Milliseconds from `since` to the first answer with this status that arrived after it. */
    first(status: number, since: number): number | undefined {
      const sample = samples.find((s) => s.at >= since && s.status === status);
      return sample ? sample.at - since : undefined;
    },
    statuses: () => new Set(samples.map((s) => s.status)),
    stop: async () => {
      stopped = true;
      await running;
    },
  };
}

// ---------------------------------------------------------------------------------------------
