import { createDb, type Database, type Db } from '@leeway/db';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    db: Db;
  }
}

export interface DatabasePluginOptions {
  /** An already open database (tests share one per file); otherwise one is opened from config. */
  database?: Database;
}

async function database(app: FastifyInstance, options: DatabasePluginOptions) {
  const owned = !options.database;
  const database =
    options.database ??
    (await createDb({ databaseUrl: app.config.databaseUrl, dataDir: app.config.dataDir }));
  if (owned) await database.migrate();
  app.decorate('database', database);
  app.decorate('db', database.db);
  if (owned) app.addHook('onClose', async () => database.close());
}

export default fp(database, { name: 'database', dependencies: ['config'] });
