/**
 * Recomputes the team-week rollups from raw responses:
 *   pnpm --filter @leeway/api rollups:rebuild        (DATABASE_URL or the embedded DATA_DIR)
 */
import { createDb } from '@leeway/db';
import { loadConfig } from '../src/config.ts';
import { rebuildRollups } from '../src/modules/pulse/repository.ts';

const config = loadConfig();
const database = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
await database.migrate();
const started = performance.now();
await database.db.transaction((tx) => rebuildRollups(tx));
console.log(`Rollups rebuilt from raw responses in ${Math.round(performance.now() - started)} ms.`);
await database.close();
