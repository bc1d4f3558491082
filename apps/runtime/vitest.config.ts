import { defineConfig } from 'vitest/config';

// Suites that open an embedded database wait for PGlite to start and migrate, hence the hook timeout.
export default defineConfig({
  test: {
    name: 'runtime',
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
