import { defineConfig } from 'vitest/config';

/** Browser journeys (npm run test:e2e): one server with --demo --clock, Debian chromium, sequential. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    globalSetup: ['./test/e2e/server-setup.ts'],
    // a page may take seconds to settle on a loaded machine: polls wait as long as a locator does
    expect: { poll: { timeout: 20_000 } },
  },
});
