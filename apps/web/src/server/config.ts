import 'server-only';
import { join } from 'node:path';
import { z } from 'zod';

const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(unsetIfEmpty, schema.optional());

const ENTRA = [
  'AUTH_MICROSOFT_ENTRA_ID_ID',
  'AUTH_MICROSOFT_ENTRA_ID_SECRET',
  'AUTH_MICROSOFT_ENTRA_ID_TENANT_ID',
] as const;

const secret = z.string().min(32, 'use at least 32 characters, e.g. the output of `openssl rand -base64 32`');

const envSchema = z
  .object({
    DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_URL is a postgres:// URL')),
    PARLEY_DATA_DIR: z.preprocess(unsetIfEmpty, z.string().default('.data')),
    // Shared with the runtime, which plays what publishing renders there.
    PARLEY_PROMPT_CACHE_DIR: optional(z.string().min(1)),
    PARLEY_PROMPT_LANGUAGE: z.preprocess(unsetIfEmpty, z.string().min(2).max(35).default('en-US')),
    PARLEY_WEB_PORT: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(65_535).default(3000)),
    // next-auth v4 reads NEXTAUTH_SECRET; Auth.js (v5) and other tools read AUTH_SECRET: either works.
    NEXTAUTH_SECRET: optional(secret),
    AUTH_SECRET: optional(secret),
    NEXTAUTH_URL: optional(
      z.url({ protocol: /^https?$/, error: 'NEXTAUTH_URL is the http(s) URL of the web app' }),
    ),
    AUTH_MICROSOFT_ENTRA_ID_ID: optional(z.string()),
    AUTH_MICROSOFT_ENTRA_ID_SECRET: optional(z.string()),
    AUTH_MICROSOFT_ENTRA_ID_TENANT_ID: optional(z.string()),
  })
  .superRefine((env, ctx) => {
    const set = ENTRA.filter((name) => env[name] !== undefined);
    if (set.length > 0 && set.length < ENTRA.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_MICROSOFT_ENTRA_ID_*'],
        message: `Microsoft sign-in needs all of ${ENTRA.join(', ')}; missing ${ENTRA.filter((n) => !set.includes(n)).join(', ')}`,
      });
    }
  });

/** The Entra ID (Azure AD) app registration users sign in with. */
export interface EntraConfig {
  clientId: string;
  clientSecret: string;
  /** The directory (tenant) id: only its accounts can sign in. */
  tenantId: string;
}

export interface WebConfig {
  /** A PostgreSQL server (`npm start` points it at the embedded database it serves). */
  databaseUrl: string | undefined;
  /** Embedded PGlite folder, used only without DATABASE_URL; no other process may have it open. */
  dataDir: string;
  prompts: {
    /** Folder of prompts rendered to G.711 at publish time, read by the runtime's SIP adapter. */
    cacheDir: string;
    /** Language of text prompts that name none; the runtime must use the same to find them. */
    defaultLanguage: string;
  };
  auth: {
    /** Signs session cookies; unset means the embedded demo's secret, kept in the data folder. */
    secret: string | undefined;
    /** Where browsers reach the web app; next-auth builds its callback URLs from it. */
    url: string;
    /** Microsoft sign-in, when configured. */
    entra: EntraConfig | null;
  };
}

/** Reads and checks the web app's server-side configuration from environment variables. */
export function loadConfig(env: Record<string, string | undefined> = process.env): WebConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid web configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const entra =
    e.AUTH_MICROSOFT_ENTRA_ID_ID && e.AUTH_MICROSOFT_ENTRA_ID_SECRET && e.AUTH_MICROSOFT_ENTRA_ID_TENANT_ID
      ? {
          clientId: e.AUTH_MICROSOFT_ENTRA_ID_ID,
          clientSecret: e.AUTH_MICROSOFT_ENTRA_ID_SECRET,
          tenantId: e.AUTH_MICROSOFT_ENTRA_ID_TENANT_ID,
        }
      : null;
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: e.PARLEY_DATA_DIR,
    prompts: {
      cacheDir: e.PARLEY_PROMPT_CACHE_DIR ?? join(e.PARLEY_DATA_DIR, 'prompt-cache'),
      defaultLanguage: e.PARLEY_PROMPT_LANGUAGE,
    },
    auth: {
      secret: e.NEXTAUTH_SECRET ?? e.AUTH_SECRET,
      url: e.NEXTAUTH_URL ?? `http://localhost:${e.PARLEY_WEB_PORT}`,
      entra,
    },
  };
}
