import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'domain',
          include: ['packages/*/test/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        // The web app's pure logic (labels, sentences, sorting); no DOM needed.
        test: {
          name: 'web',
          include: ['apps/web/test/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'api',
          include: ['apps/api/test/**/*.test.ts'],
          exclude: ['apps/api/test/postgres/**', 'apps/api/test/faults/**'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Needs a real PostgreSQL server (DATABASE_URL): several instances, killed connections.
        test: {
          name: 'postgres',
          include: ['apps/api/test/postgres/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        // Server processes killed and restarted, a private PostgreSQL crashed: `pnpm test:faults`.
        test: {
          name: 'faults',
          include: ['apps/api/test/faults/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
