/** Load generation: autocannon for concurrent runs, a keep-alive loop for one-at-a-time latency. */
import http from 'node:http';
import autocannonModule from 'autocannon';

const autocannon = autocannonModule as unknown as (opts: any) => Promise<any>;

export interface RunResult {
  /** Completed requests per second over the run. */
  rps: number;
  requests: number;
  seconds: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
  errors: number;
  timeouts: number;
  status: Record<string, number>;
  /** CPU the load generator itself used, as a share of one core. */
  clientCpu: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  /** Seconds; ignored when `amount` is set. */
  duration?: number;
  amount?: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Per-request body and headers (e.g. one user per request). */
  next?: () => { path?: string; headers?: Record<string, string>; body?: string };
  /** Requests per second over all connections (open-loop pacing), when set. */
  rate?: number;
}

export async function load(o: LoadOptions): Promise<RunResult> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const next = o.next;
  const result = await autocannon({
    url: o.url,
    connections: o.connections,
    ...(o.amount ? { amount: o.amount } : { duration: o.duration ?? 10 }),
    method: o.method ?? 'GET',
    headers: o.headers ?? {},
    timeout: 30,
    ...(o.rate ? { overallRate: o.rate } : {}),
    ...(next
      ? {
          requests: [
            {
              setupRequest: (req: any) => {
                const n = next();
                return {
                  ...req,
                  ...(n.path !== undefined ? { path: n.path } : {}),
                  headers: { ...req.headers, ...(n.headers ?? {}) },
                  ...(n.body !== undefined ? { body: n.body } : {}),
                };
              },
            },
          ],
        }
      : {}),
  });
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const status: Record<string, number> = {};
  for (const [code, v] of Object.entries(result.statusCodeStats ?? {})) {
    status[code] = (v as { count: number }).count;
  }
  const completed = Object.values(status).reduce((a, b) => a + b, 0);
  const seconds =
    result.finish && result.start
      ? (new Date(result.finish).getTime() - new Date(result.start).getTime()) / 1000
      : wall;
  return {
    rps: completed / seconds,
    requests: completed,
    seconds,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    mean: result.latency.mean,
    errors: result.errors,
    timeouts: result.timeouts,
    status,
    clientCpu: (cpu.user + cpu.system) / 1e6 / wall,
  };
}

export interface SequentialResult {
  requests: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
  bytes: number;
  status: Record<string, number>;
  latencies: number[];
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

/** One request, timed from send to the last byte of the body (the body is counted, not kept). */
export function timedGet(
  url: string,
  headers: Record<string, string>,
  keepBody = false,
): Promise<{ ms: number; status: number; bytes: number; body?: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.get(url, { headers, agent }, (res) => {
      let bytes = 0;
      const parts: Buffer[] = [];
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (keepBody) parts.push(chunk);
      });
      res.on('end', () =>
        resolve({
          ms: performance.now() - t0,
          status: res.statusCode ?? 0,
          bytes,
          ...(keepBody ? { body: Buffer.concat(parts).toString('utf8') } : {}),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

/** `count` requests one after another (or until `until()` says stop). */
export async function sequential(
  url: string,
  headers: Record<string, string>,
  count: number,
  until?: () => boolean,
): Promise<SequentialResult> {
  const latencies: number[] = [];
  const status: Record<string, number> = {};
  let bytes = 0;
  for (let i = 0; until ? !until() : i < count; i++) {
    const r = await timedGet(url, headers);
    latencies.push(r.ms);
    status[r.status] = (status[r.status] ?? 0) + 1;
    bytes = r.bytes;
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: latencies.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted.at(-1) ?? Number.NaN,
    mean: latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length),
    bytes,
    status,
    latencies,
  };
}

export function post(
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ ms: number; status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { ...headers, 'content-type': 'application/json' },
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () =>
          resolve({
            ms: performance.now() - t0,
            status: res.statusCode ?? 0,
            body: Buffer.concat(parts).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** One request of an open-loop run; `body` is sent as JSON. */
export interface OpenLoopRequest {
  url: string;
  headers: Record<string, string>;
  method?: 'GET' | 'POST';
  body?: string;
}

/**
 * Open-loop load: requests start on a fixed schedule whatever the server does, and latency is
 * measured from the scheduled start (so a stall is not hidden by requests that were never sent —
 * no coordinated omission). `onResult` sees every request as it ends (status 0: no response —
 * a network error, or no answer within `timeoutMs`).
 */
export async function openLoop<R extends OpenLoopRequest>(
  next: () => R,
  rate: number,
  seconds: number,
  maxSockets = 50,
  onResult?: (request: R, status: number, ms: number) => void,
  timeoutMs = 30_000,
): Promise<SequentialResult & { rps: number; p99: number; late: number }> {
  const pool = new http.Agent({ keepAlive: true, maxSockets });
  const total = Math.max(1, Math.round(rate * seconds));
  const latencies: number[] = [];
  const status: Record<string, number> = {};
  const t0 = performance.now();
  let late = 0;
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    else if (wait < -5) late++;
    const request = next();
    inflight.push(
      new Promise<void>((resolve) => {
        let ended = false;
        const fail = () => {
          if (ended) return;
          ended = true;
          status.error = (status.error ?? 0) + 1;
          onResult?.(request, 0, performance.now() - due);
          resolve();
        };
        const req = http.request(
          request.url,
          {
            method: request.method ?? 'GET',
            headers: request.body
              ? { ...request.headers, 'content-type': 'application/json' }
              : request.headers,
            agent: pool,
            timeout: timeoutMs,
          },
          (res) => {
            res.on('data', () => {});
            res.on('error', fail);
            res.on('end', () => {
              if (ended) return;
              ended = true;
              const ms = performance.now() - due;
              latencies.push(ms);
              status[res.statusCode ?? 0] = (status[res.statusCode ?? 0] ?? 0) + 1;
              onResult?.(request, res.statusCode ?? 0, ms);
              resolve();
            });
          },
        );
        req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
        req.on('error', fail);
        req.end(request.body);
      }),
    );
  }
  await Promise.all(inflight);
  const elapsed = (performance.now() - t0) / 1000;
  pool.destroy();
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: latencies.length,
    rps: latencies.length / elapsed,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    mean: latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length),
    bytes: 0,
    status,
    latencies: [],
    late,
  };
}
