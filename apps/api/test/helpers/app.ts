import { randomBytes } from 'node:crypto';
import { createDb, type Database } from '@leeway/db';
import { type ManualClock, manualClock } from '@leeway/domain/clock';
import postgres from 'postgres';
import { type AppDeps, buildApp, type LeewayApp } from '../../src/app.ts';
import { type Config, loadConfig } from '../../src/config.ts';

export interface TestApp {
  app: LeewayApp;
  clock: ManualClock;
  database: Database;
  config: Config;
  close(): Promise<void>;
}

/**
 * A migrated database of its own: PGlite in memory by default, or a fresh database on the
 * PostgreSQL server named by DATABASE_URL (created here and dropped on close).
 */
export async function testDatabase(
  onQuery?: (query: string, params: unknown[]) => void,
): Promise<{ database: Database; drop(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await createDb({ dataDir: 'memory://', onQuery });
    await database.migrate();
    return { database, drop: () => database.close() };
  }
  const name = `leeway_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const database = await createDb({
    databaseUrl: dbUrl.toString(),
    dataDir: 'memory://',
    poolSize: 20,
    onQuery,
  });
  await database.migrate();
  return {
    database,
    async drop() {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export const START = '2026-11-25T10:00:00.000Z'; // a Wednesday, ISO week 2026-W48

export async function createTestApp(
  overrides: Partial<Config> = {},
  at: string = START,
  onQuery?: (query: string, params: unknown[]) => void,
  deps: Pick<AppDeps, 'webhooks'> = {},
): Promise<TestApp> {
  const { database, drop } = await testDatabase(onQuery);
  const clock = manualClock(at);
  const config: Config = {
    ...loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: 'memory://',
      JWT_SECRET: randomBytes(48).toString('hex'),
    }),
    loginRateLimit: { perAccount: 1000, perAddress: 10_000, windowMs: 60_000 },
    webDist: '/nonexistent',
    ...overrides,
  };
  const app = await buildApp(config, { clock, database, ...deps });
  return {
    app,
    clock,
    database,
    config,
    async close() {
      await app.close();
      await drop();
    },
  };
}
