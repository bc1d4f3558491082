import { z } from 'zod';

/** An unset variable and an empty one mean the same: use the default. */
const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);

const envSchema = z.object({
  PARLEY_RUNTIME_PORT: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(65535).default(8080)),
  PARLEY_LOG_LEVEL: z.preprocess(
    unsetIfEmpty,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  DATABASE_URL: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL is a postgres:// URL')
      .optional(),
  ),
  PARLEY_DATA_DIR: z.preprocess(unsetIfEmpty, z.string().default('.data')),
});

export interface RuntimeConfig {
  /** HTTP port of health and webhooks; 0 picks a free one. */
  port: number;
  logLevel: z.output<typeof envSchema>['PARLEY_LOG_LEVEL'];
  /** A PostgreSQL server; unset means the embedded PGlite database in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
}

/** The configuration was not usable; the message names each variable and what is wrong with it. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and checks the runtime's configuration from environment variables. */
export function loadConfig(env: Record<string, string | undefined> = process.env): RuntimeConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid runtime configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    port: e.PARLEY_RUNTIME_PORT,
    logLevel: e.PARLEY_LOG_LEVEL,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.PARLEY_DATA_DIR,
  };
}
