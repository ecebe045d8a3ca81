/** Forks bench/lib/server.ts and talks to it over IPC. */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const serverFile = fileURLToPath(new URL('./server.ts', import.meta.url));

export class ServerProcess {
  private seq = 0;
  private readonly pending = new Map<
    number,
    { resolve: (v: any) => void; reject: (e: Error) => void }
  >();

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
    readonly kind: 'postgres' | 'pglite',
  ) {
    child.on('message', (msg: any) => {
      if (typeof msg?.id !== 'number') return;
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new Error(`${name}: ${msg.error}`));
    });
    child.on('exit', (code) => {
      for (const p of this.pending.values()) p.reject(new Error(`${name} exited (${code})`));
      this.pending.clear();
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  static start(
    name: string,
    env: Record<string, string>,
    options: { timeoutMs?: number; execArgv?: string[] } = {},
  ): Promise<ServerProcess> {
    const child = fork(serverFile, [], {
      execArgv: ['--import', 'tsx', ...(options.execArgv ?? [])],
      // A clean environment: nothing of the caller's (DATABASE_URL, REDIS_URL, …) leaks in.
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`${name} did not start within ${options.timeoutMs ?? 120_000} ms`));
      }, options.timeoutMs ?? 120_000);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${name} exited during start-up (code ${code})`));
      });
      child.on('message', function ready(msg: any) {
        if (!msg?.ready) return;
        clearTimeout(timer);
        child.removeAllListeners('exit');
        child.off('message', ready);
        resolve(new ServerProcess(name, child, msg.kind));
      });
    });
  }

  call<T = any>(cmd: string, payload: Record<string, unknown> = {}): Promise<T> {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, cmd, ...payload });
    });
  }

  sql<T = Record<string, any>>(text: string, params: unknown[] = []): Promise<T[]> {
    return this.call<T[]>('sql', { text, params });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    await this.call('shutdown').catch(() => {});
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

export interface BenchServerOptions {
  /** bench/lib/server.ts's BENCH_MODE: the API, the baselines, or both in one process. */
  mode: 'api' | 'baseline' | 'both';
  port: number;
  baselinePort?: number;
  jwtSecret: string;
  /** PostgreSQL, or a PGlite folder. */
  database: { url: string } | { dataDir: string };
  /** Anything else the server reads (a moving clock, rate limits). */
  env?: Record<string, string>;
}

/** The one way the benchmarks start a server: production settings, no demo, on 127.0.0.1. */
export function startBenchServer(name: string, o: BenchServerOptions): Promise<ServerProcess> {
  return ServerProcess.start(name, {
    BENCH_MODE: o.mode,
    JWT_SECRET: o.jwtSecret,
    HOST: '127.0.0.1',
    PORT: String(o.port),
    PUBLIC_URL: `http://127.0.0.1:${o.port}`,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    SEED_DEMO: 'false',
    ...('url' in o.database ? { DATABASE_URL: o.database.url } : { DATA_DIR: o.database.dataDir }),
    ...(o.baselinePort === undefined ? {} : { BASELINE_PORT: String(o.baselinePort) }),
    ...o.env,
  });
}
