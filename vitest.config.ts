import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    globalSetup: ['./test/helpers/global-setup.ts'],
    env: { XINGQUAN_SCRYPT_N: '1024' },
    reporters: ['default', './test/helpers/summary-reporter.ts'],
  },
});
