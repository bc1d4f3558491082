import { defineConfig } from 'drizzle-kit';

// Generates SQL from src/schema; the triggers and the live-version foreign key are custom migrations.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
  out: './migrations',
});
