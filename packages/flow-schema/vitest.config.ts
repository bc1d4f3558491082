import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'flow-schema', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
