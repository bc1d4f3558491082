import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { name: 'rtp', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] } });
