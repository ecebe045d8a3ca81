import { defineConfig } from 'vitest/config';
import browserTests from './vitest.config.ts';

// Browser benchmarks (e2e/bench): the browser tests' settings, other files. Run through
// `node e2e/run.mjs --bench` (`pnpm bench:heatmap`), which starts the server.
export default defineConfig({
  ...browserTests,
  test: { ...browserTests.test, name: 'e2e-bench', include: ['bench/**/*.bench.ts'] },
});
