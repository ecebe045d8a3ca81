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
