import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type SQL, sql } from 'drizzle-orm';
import { type PgDatabase, PgDialect, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema/index.ts';

export { schema };
export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction or the database itself: repositories accept either. */
export type Executor = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

/** Rows of a raw `db.execute()`: postgres.js returns an array, PGlite an object with `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

type RawQuery = (text: string, params: unknown[]) => Promise<unknown[]>;

// The raw driver behind each database handle, for `prepared()`.
const rawQueries = new WeakMap<object, RawQuery>();
const dialect = new PgDialect({ casing: 'snake_case' });

/**
 * Runs a raw SQL statement as a prepared statement: PostgreSQL plans it once per connection
 * instead of on every call (Drizzle sends `db.execute()` unprepared). For the hot read paths
 * whose planning costs as much as their execution; the statement's text should not vary
 * between calls. Inside a transaction, or on PGlite, it is a plain `execute`.
 */
export async function prepared<T>(db: Executor, query: SQL): Promise<T[]> {
  const raw = rawQueries.get(db);
  if (!raw) return rowsOf<T>(await db.execute(query));
  const { sql: text, params } = dialect.sqlToQuery(query);
  return (await raw(text, params)) as T[];
}

export interface DbOptions {
  /** postgres:// URL; when absent the embedded PGlite database is used. */
  databaseUrl?: string | undefined;
  /** Folder of the embedded database; `memory://` keeps it in memory (tests). */
  dataDir: string;
  /** Connection pool size for PostgreSQL. */
  poolSize?: number;
  /** Called with every query Drizzle sends (tests use it to EXPLAIN the request paths). */
  onQuery?: (query: string, params: unknown[]) => void;
}

export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

const loggerOf = (options: DbOptions) =>
  options.onQuery
    ? { logQuery: (query: string, params: unknown[]) => options.onQuery?.(query, params) }
    : false;

export const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

// An arbitrary constant shared by every instance so that concurrent start-ups migrate one at a time.
const MIGRATION_LOCK = 7_405_219;

/**
 * Opens the database: PostgreSQL when a URL is given, else the embedded PGlite, whose module
 * (about 60 MB once loaded) is imported only then.
 */
export async function createDb(options: DbOptions): Promise<Database> {
  if (options.databaseUrl) {
    // postgres.js is patched (patches/postgres@3.4.9.patch) so that a connection the server
    // drops never crashes the process or leaves a query waiting: see patches/README.md.
    const client = postgres(options.databaseUrl, {
      max: options.poolSize ?? 10,
      onnotice: () => {},
      // A request waiting on a database that is down fails within seconds (a 503): connecting
      // gives up after 5 s, and a reconnect waits at most 0.5 s instead of the default of up to
      // 20 s (the count grows with every connection lost, so one crash of the server reaches the
      // cap at once), which also brings the pool back within a second of the server.
      connect_timeout: 5,
      backoff: (attempt: number) => Math.min(0.05 * 2 ** attempt, 0.5),
      idle_timeout: 30,
    });
    const pgDb = drizzlePostgres(client, {
      schema,
      casing: 'snake_case',
      logger: loggerOf(options),
    });
    const db = pgDb as unknown as Db;
    rawQueries.set(db, (text, params) => {
      options.onQuery?.(text, params);
      return client.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true });
    });
    return {
      db,
      kind: 'postgres',
      async migrate() {
        // A session-level advisory lock held on a reserved connection while the pool migrates.
        const lock = await client.reserve();
        try {
          await lock`select pg_advisory_lock(${MIGRATION_LOCK})`;
          await migratePostgres(pgDb, { migrationsFolder });
        } finally {
          await lock`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => {});
          lock.release();
        }
      },
      async ping() {
        await client`select 1`;
      },
      async close() {
        await client.end({ timeout: 5 });
      },
    };
  }

  const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ]);
  if (!options.dataDir.startsWith('memory://')) mkdirSync(options.dataDir, { recursive: true });
  const client = new PGlite(options.dataDir);
  const db = drizzlePglite(client, {
    schema,
    casing: 'snake_case',
    logger: loggerOf(options),
  }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    async migrate() {
      await migratePglite(drizzlePglite(client), { migrationsFolder });
    },
    async ping() {
      await db.execute(sql`select 1`);
    },
    async close() {
      await client.close();
    },
  };
}
