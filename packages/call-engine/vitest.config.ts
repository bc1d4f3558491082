import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'call-engine', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
