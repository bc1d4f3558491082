import 'server-only';
import { z } from 'zod';

const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);

const envSchema = z.object({
  DATABASE_URL: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL is a postgres:// URL')
      .optional(),
  ),
  PARLEY_DATA_DIR: z.preprocess(unsetIfEmpty, z.string().default('.data')),
});

export interface WebConfig {
  /** A PostgreSQL server (`npm start` points it at the embedded database it serves). */
  databaseUrl: string | undefined;
  /** Embedded PGlite folder, used only without DATABASE_URL; no other process may have it open. */
  dataDir: string;
}

/** Reads and checks the web app's server-side configuration from environment variables. */
export function loadConfig(env: Record<string, string | undefined> = process.env): WebConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid web configuration:\n  ${lines.join('\n  ')}`);
  }
  return { databaseUrl: parsed.data.DATABASE_URL, dataDir: parsed.data.PARLEY_DATA_DIR };
}
