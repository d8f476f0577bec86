import { defineConfig } from 'vitest/config';

// End-to-end specs: real headless Chromium / Firefox driving the built extension
// (tests/e2e/harness). One file at a time: each launches a browser and the machine has 2 cores.
// Browsers: env DOSSIER_BROWSERS (default "chromium,firefox"); build first (`npm test` does).
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    exclude: ['node_modules/**', '.output/**', '.tmp/**'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    retry: 0,
  },
});
