import { defineConfig } from 'vitest/config';

// Each test file opens its own database; the global setup prepares a migrated PGlite snapshot for them.
export default defineConfig({
  test: {
    name: 'db',
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
