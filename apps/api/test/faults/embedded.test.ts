import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, rowsOf } from '@leeway/db';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { type ApiProcess, send, startApi, stopApi } from './processes.ts';
import {
  acknowledged,
  answeredPerApi,
  seedMembers,
  setCheck,
  startLoad,
  summary,
} from './workload.ts';

/** The embedded database (PGlite in DATA_DIR) when the API process is killed outright. */
const dataDir = mkdtempSync(join(tmpdir(), 'leeway-faults-pglite-'));
let api: ApiProcess | undefined;

afterAll(async () => {
  await stopApi(api);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the API on its embedded database', () => {
  it('keeps every acknowledged answer when SIGKILLed mid-load and restarted on the same DATA_DIR', async () => {
    const database = await createDb({ dataDir });
    await database.migrate();
    const { members, teamIds } = await seedMembers(database, 2, 300);
    await database.close();

    api = await startApi({ dataDir });
    const load = await startLoad({
      apis: [api],
      members,
      concurrency: 8,
      paceMs: 0,
      socketErrorsAreUnknown: true,
    });
    await acknowledged(load, 150, [api]);
    api.kill('SIGKILL');
    const exit = await api.exited;
    await load.stop();
    expect(exit.signal).toBe('SIGKILL');

    api = await startApi({ dataDir });
    // Whom the restarted API shows as having answered, asked of every member, tried or not.
    const answered = await answeredPerApi(api, members);
    const check = setCheck(load.attempts, answered);
    const week = (await send(api, 'GET', '/api/pulse', { token: members[0]!.token })).body.week;
    summary('SIGKILL of the API mid-load on PGlite, restarted on the same DATA_DIR', load, check, {
      'faults injected': `1 SIGKILL after ${check.acknowledged} acknowledged submissions`,
    });

    expect(load.bad.map((b) => `${b.what}: ${b.reply.status} ${b.reply.error ?? ''}`)).toEqual([]);
    expect(check.lost).toEqual([]);
    expect(check.unexpected).toEqual([]);
    // The rollup that becomes the week's published figures when it closes agrees with the
    // receipts: each answer counted exactly once. (The week is still open, so no endpoint shows
    // it: the database is read directly once the API has stopped.)
    await stopApi(api);
    api = undefined;
    const reopened = await createDb({ dataDir });
    try {
      const result: unknown = await reopened.db.execute(
        sql`select coalesce(sum(n), 0)::int as "respondents" from team_week_stats
          where week = ${week} and team_id = any(string_to_array(${teamIds.join(',')}, ','))`,
      );
      expect(rowsOf<{ respondents: number }>(result)[0]!.respondents).toBe(answered.length);
    } finally {
      await reopened.close();
    }
  });
});
