import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Browser tests; run through `node e2e/run.mjs` (`pnpm test:e2e`), which starts the server.
export default defineConfig({
  test: {
    name: 'e2e',
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['tests/**/*.e2e.ts'],
    environment: 'node',
    // One browser at a time: the machine has two cores and the server needs one of them.
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 180_000,
    hookTimeout: 120_000,
    retry: 0,
    sequence: { shuffle: false },
  },
});
