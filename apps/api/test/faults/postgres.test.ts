import { createDb } from '@leeway/db';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiProcess,
  now,
  type PrivatePostgres,
  pause,
  refusesConnections,
  send,
  startApi,
  startPrivatePostgres,
  stopApi,
  waitFor,
  watchReadiness,
} from './processes.ts';
import {
  acknowledged,
  answeredPerApi,
  COMMENT,
  type Load,
  seedMembers,
  setCheck,
  slowestError,
  startLoad,
  summary,
} from './workload.ts';

/**
 * Faults on real PostgreSQL, under load spread over two API server processes: connections
 * killed, the server crashed and restarted, and a SIGTERM while requests are in flight. The
 * server is a private one started here, never the shared one.
 */
const DB = 'leeway';
let pg: PrivatePostgres;
let apis: ApiProcess[] = [];

beforeAll(async () => {
  pg = await startPrivatePostgres();
  await pg.createDatabase(DB);
  const database = await createDb({ databaseUrl: pg.url(DB), dataDir: 'memory://' });
  await database.migrate();
  await database.close();
  apis = await Promise.all([startApi({ url: pg.url(DB) }), startApi({ url: pg.url(DB) })]);
}, 180_000);

afterAll(async () => {
  await Promise.all(apis.map(stopApi));
  pg?.destroy();
});

async function seed(teams: number, perTeam: number) {
  const database = await createDb({ databaseUrl: pg.url(DB), dataDir: 'memory://' });
  try {
    return await seedMembers(database, teams, perTeam);
  } finally {
    await database.close();
  }
}

/** Straight from the tables: who has a receipt, and whether responses and rollups agree. */
async function stored(teamIds: string[]) {
  const sql = postgres(pg.url(DB), { max: 1, onnotice: () => {} });
  try {
    const receipts = await sql<{ userId: string }[]>`
      select user_id as "userId" from pulse_receipts where team_id = any(${teamIds})`;
    const [counts] = await sql<{ responses: number; rolledUp: number }[]>`
      select (select count(*)::int from pulse_responses where team_id = any(${teamIds})) as responses,
             (select coalesce(sum(n), 0)::int from team_week_stats where team_id = any(${teamIds})) as "rolledUp"`;
    return { receiptIds: receipts.map((r) => r.userId), ...counts! };
  } finally {
    await sql.end();
  }
}

/** After the faults: each instance still the same process, ready, and its answers agree. */
async function expectRecovered(load: Load, teamIds: string[]) {
  for (const api of apis) {
    expect(api.exit, api.output()).toBeNull();
    expect((await send(api, 'GET', '/api/health/ready')).status).toBe(200);
    // Failed queries are logged without their parameters (ids, answers, comments).
    expect(api.output()).toContain('request failed');
    expect(api.output()).not.toContain('params');
    expect(api.output()).not.toContain(COMMENT);
  }
  const { receiptIds, responses, rolledUp } = await stored(teamIds);
  const check = setCheck(load.attempts, receiptIds);
  // What members see: every attempted member asks an instance whether they answered.
  const attempted = load.attempts.map((a) => a.member);
  const answered = await answeredPerApi(apis[0]!, attempted);
  expect(new Set(answered)).toEqual(new Set(receiptIds));
  // Receipt, response and rollup are written in one transaction: never one without the others.
  expect(responses).toBe(receiptIds.length);
  expect(rolledUp).toBe(receiptIds.length);
  return check;
}

function expectSound(load: Load, check: ReturnType<typeof setCheck>) {
  expect(
    load.bad.map(
      (b) => `${b.what}: ${b.reply.status} ${b.reply.error ?? ''} ${JSON.stringify(b.reply.body)}`,
    ),
  ).toEqual([]);
  expect(check.lost).toEqual([]);
  expect(check.unexpected).toEqual([]);
  // A request that meets a dead database fails fast rather than waiting on it.
  expect(slowestError(load)).toBeLessThan(5000);
}

describe('the API on PostgreSQL under faults', () => {
  it('drains in-flight requests on SIGTERM, refuses new connections, then exits 0', async () => {
    const { members, teamIds } = await seed(1, 8);
    const api = await startApi({ url: pg.url(DB) });
    try {
      const pulse = await send(api, 'GET', '/api/pulse', { token: members[0]!.token });
      expect(pulse.status).toBe(200);
      // Hold the rollup table so that every submission waits inside its transaction.
      const locker = postgres(pg.url(DB), { max: 1, onnotice: () => {} });
      const watcher = postgres(pg.url('postgres'), { max: 1, onnotice: () => {} });
      let release!: () => void;
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      const holding = locker.begin(async (tx) => {
        await tx`lock table team_week_stats in share row exclusive mode`;
        locked();
        await new Promise<void>((resolve) => (release = resolve));
      });
      await isLocked;
      let settled = 0;
      const inFlight = members.map((m) =>
        send(api, 'POST', '/api/pulse/responses', {
          token: m.token,
          body: {
            pulseId: pulse.body.pulseId,
            answers: { energy: 3, autonomy: 3, voice: 3, growth: 3, trust: 3, enps: 7 },
          },
        }).finally(() => settled++),
      );
      await waitFor(
        'all submissions waiting on the lock',
        async () => {
          const [row] = await watcher<{ n: number }[]>`
            select count(*)::int as n from pg_stat_activity
            where datname = ${DB} and wait_event_type = 'Lock'`;
          return row!.n === members.length ? true : undefined;
        },
        30_000,
      );

      const signalled = now();
      api.kill('SIGTERM');
      await waitFor(
        'the API to refuse new connections',
        async () => (await refusesConnections(api.port)) || undefined,
        10_000,
      );
      const refusedAfter = now() - signalled;
      expect(settled).toBe(0);
      expect(api.exit).toBeNull();

      release();
      await holding;
      const replies = await Promise.all(inFlight);
      const exit = await api.exited;
      const exitedAfter = now() - signalled;
      await Promise.all([locker.end(), watcher.end()]);
      console.log(
        `[faults] SIGTERM with ${members.length} submissions in flight: new connections refused ` +
          `${Math.round(refusedAfter)} ms after the signal; in-flight answered ${replies.map((r) => r.status).join(' ')}; ` +
          `exit code ${exit.code} ${Math.round(exitedAfter)} ms after the signal`,
      );
      expect(replies.map((r) => r.status)).toEqual(members.map(() => 201));
      expect(exit).toEqual({ code: 0, signal: null });
      expect((await stored(teamIds)).receiptIds.sort()).toEqual(members.map((m) => m.id).sort());
    } finally {
      await stopApi(api);
    }
  });

  it('keeps serving while pg_terminate_backend kills its connections, and recovers without a restart', async () => {
    const { members, teamIds } = await seed(4, 600);
    const load = await startLoad({ apis, members, concurrency: 8, paceMs: 10 });
    try {
      await acknowledged(load, 100, apis);

      const killer = postgres(pg.url('postgres'), { max: 1, onnotice: () => {} });
      let terminated = 0;
      let rounds = 0;
      const faultsEnd = now() + 4000;
      while (now() < faultsEnd) {
        const [row] = await killer<{ n: number }[]>`
          select count(*) filter (where pg_terminate_backend(pid))::int as n
          from pg_stat_activity where datname = ${DB} and backend_type = 'client backend'`;
        terminated += row!.n;
        rounds++;
        await pause(200);
      }
      await killer.end();
      const ackedDuringFaults = load.acknowledged();
      await acknowledged(load, ackedDuringFaults + 100, apis);
      await load.stop();

      const check = await expectRecovered(load, teamIds);
      summary('pg_terminate_backend under load, two API processes', load, check, {
        'faults injected': `${terminated} backends terminated in ${rounds} rounds over 4 s`,
      });
      expectSound(load, check);
      expect(terminated).toBeGreaterThan(0);
      expect(load.left()).toBeGreaterThan(0);
    } finally {
      await load.stop();
    }
  });

  it('turns not ready within 2 s of a PostgreSQL crash, ready again once it is back, and loses no acknowledged answer', async () => {
    const { members, teamIds } = await seed(4, 600);
    const watches = apis.map(watchReadiness);
    const load = await startLoad({ apis, members, concurrency: 8, paceMs: 10 });
    try {
      await acknowledged(load, 100, apis);

      const stoppedAt = now();
      await pg.crash();
      const down = await Promise.all(
        watches.map((w) =>
          waitFor('readiness to answer 503', () => w.first(503, stoppedAt), 10_000),
        ),
      );
      // The load keeps hitting the dead database for a while.
      await pause(2000);
      const failedWhileDown = load.attempts.filter((a) => a.reply.status === 503).length;
      const startedAt = now();
      await pg.start();
      const acceptingAt = now();
      const up = await Promise.all(
        watches.map((w) =>
          waitFor('readiness to answer 200', () => w.first(200, acceptingAt), 30_000),
        ),
      );
      const ackedWhileDown = load.acknowledged();
      await acknowledged(load, ackedWhileDown + 100, apis);
      await load.stop();

      const check = await expectRecovered(load, teamIds);
      summary(
        'PostgreSQL stopped (-m immediate) and restarted under load, two API processes',
        load,
        check,
        {
          'faults injected': `1 crash; database down ${Math.round(acceptingAt - stoppedAt)} ms (start took ${Math.round(acceptingAt - startedAt)} ms)`,
          'readiness 503 after the stop': down.map((ms) => `${Math.round(ms)} ms`).join(', '),
          'readiness 200 after PostgreSQL accepted connections': up
            .map((ms) => `${Math.round(ms)} ms`)
            .join(', '),
        },
      );
      expectSound(load, check);
      for (const ms of down) expect(ms).toBeLessThanOrEqual(2000);
      expect(failedWhileDown).toBeGreaterThan(0);
      expect(load.left()).toBeGreaterThan(0);
    } finally {
      await load.stop();
      await Promise.all(watches.map((w) => w.stop()));
    }
  });
});
