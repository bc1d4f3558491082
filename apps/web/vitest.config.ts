import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { defineConfig } from 'vitest/config';

// `server-only` throws unless imported under React Server Components, and the server modules under
// test import it: tests get its server build, an empty module.
const serverOnly = join(dirname(createRequire(import.meta.url).resolve('server-only')), 'empty.js');

export default defineConfig({
  resolve: { alias: { 'server-only': serverOnly } },
  test: {
    name: 'web',
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Publishing renders prompts: into a throwaway folder, not the working copy's data folder.
    env: { PARLEY_PROMPT_CACHE_DIR: join(tmpdir(), `parley-web-test-prompts-${process.pid}`) },
  },
});
