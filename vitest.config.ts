import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The machine has 2 cores; more workers only add start-up cost.
    maxWorkers: 2,
    testTimeout: 20_000,
    // Suites that collect a recorded organization or start moto in beforeAll share 2 cores with
    // the rest of the run; their setup is real work, not a hang.
    hookTimeout: 60_000,
  },
});
