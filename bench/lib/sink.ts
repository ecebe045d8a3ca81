/**
 * Where the generator writes: PostgreSQL through postgres.js COPY, or a PGlite data folder through
 * PGlite's COPY FROM '/dev/blob'. Both migrate first with @leeway/db's createDb().migrate().
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import postgres from 'postgres';
import { createDb } from '../../packages/db/src/index.ts';
import { type Batch, COLUMNS, TABLE_ORDER } from './model.ts';

export type Row = Record<string, unknown>;

export interface Sink {
  kind: 'postgres' | 'pglite';
  where: string;
  query<T extends Row = Row>(text: string, params?: unknown[]): Promise<T[]>;
  /** Copies a batch, then runs `after` statements, all in one transaction. */
  write(batch: Batch, after: { text: string; params: unknown[] }[]): Promise<void>;
  close(): Promise<void>;
}

/** postgres://…/name → the same server's maintenance database and the name. */
function splitUrl(url: string): { admin: string; name: string } {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(name))
    throw new Error(`Database name must be [A-Za-z0-9_]+ (${name})`);
  u.pathname = '/postgres';
  return { admin: u.toString(), name };
}

export async function ensureDatabase(url: string, reset: boolean): Promise<boolean> {
  const { admin, name } = splitUrl(url);
  const sql = postgres(admin, { max: 1, onnotice: () => {} });
  try {
    if (reset) await sql.unsafe(`drop database if exists ${name} with (force)`);
    const [row] = await sql`select 1 as ok from pg_database where datname = ${name}`;
    if (row) return false;
    await sql.unsafe(`create database ${name}`);
    return true;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

function* chunks(lines: string[], size = 1 << 20): Generator<string> {
  let buffer = '';
  for (const line of lines) {
    buffer += line;
    if (buffer.length >= size) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}

export async function openPostgres(url: string): Promise<Sink> {
  const database = await createDb({ databaseUrl: url, dataDir: 'memory://unused', poolSize: 2 });
  await database.migrate();
  await database.close();
  const sql = postgres(url, { max: 2, onnotice: () => {}, idle_timeout: 30 });
  return {
    kind: 'postgres',
    where: url,
    query: async <T extends Row>(text: string, params: unknown[] = []) =>
      (await sql.unsafe(text, params as never[])) as unknown as T[],
    async write(batch, after) {
      await sql.begin(async (tx) => {
        // Bench data only: a crash loses at most the last batches, which resume then rewrites.
        await tx.unsafe('set local synchronous_commit = off');
        for (const table of TABLE_ORDER) {
          const lines = batch.lines[table];
          if (lines.length === 0) continue;
          const writable = await tx
            .unsafe(`copy ${table} (${COLUMNS[table].join(', ')}) from stdin`)
            .writable();
          await pipeline(Readable.from(chunks(lines)), writable);
        }
        for (const s of after) await tx.unsafe(s.text, s.params as never[]);
      });
    },
    close: () => sql.end({ timeout: 5 }),
  };
}

interface PGliteLike {
  query<T>(text: string, params?: unknown[], options?: { blob?: Blob }): Promise<{ rows: T[] }>;
  transaction<T>(fn: (tx: PGliteLike) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function openPglite(dataDir: string): Promise<Sink> {
  const database = await createDb({ dataDir });
  await database.migrate();
  const pg = (database.db as unknown as { $client: PGliteLike }).$client;
  return {
    kind: 'pglite',
    where: dataDir,
    query: async <T extends Row>(text: string, params: unknown[] = []) =>
      (await pg.query<T>(text, params)).rows,
    async write(batch, after) {
      await pg.transaction(async (tx) => {
        for (const table of TABLE_ORDER) {
          const lines = batch.lines[table];
          if (lines.length === 0) continue;
          await tx.query(`copy ${table} (${COLUMNS[table].join(', ')}) from '/dev/blob'`, [], {
            blob: new Blob(lines),
          });
        }
        for (const s of after) await tx.query(s.text, s.params);
      });
    },
    close: () => database.close(),
  };
}
