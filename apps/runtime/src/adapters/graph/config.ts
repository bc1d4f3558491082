import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * Defaults from the Graph calling reference (graph-calling.md §1b, §12): notifications are signed with keys
 * published by the Skype OpenID configuration and carry one of these issuers.
 */
export const GRAPH_DEFAULTS = {
  authorityHost: 'https://login.microsoftonline.com',
  graphBaseUrl: 'https://graph.microsoft.com/v1.0',
  openIdConfigurationUrl: 'https://api.aps.skype.com/v1/.well-known/OpenIdConfiguration',
  issuers: ['https://graph.microsoft.com', 'https://api.botframework.com'],
  /** keepAlive: "every 15 to 45 minutes … We recommend … every 15 minutes" (call-keepalive.md). */
  keepAliveMs: 15 * 60_000,
} as const;

/** How the Graph adapter reaches Microsoft Graph and checks what Graph sends it. */
export interface GraphConfig {
  /** The bot's app (client) id: the audience of notification tokens and the client of app-only tokens. */
  appId: string;
  appSecret: string;
  /** The tenant whose token is used when a notification does not name one (`tid`). */
  tenantId: string;
  /** Identity platform host; the authority is `${authorityHost}/${tenant}`. */
  authorityHost: string;
  graphBaseUrl: string;
  /** Where notification signing keys are found: a JWKS URL wins over the OpenID configuration. */
  openIdConfigurationUrl: string;
  jwksUrl?: string | undefined;
  issuers: string[];
  /** Public https origin of this runtime: Graph fetches prompts from it and posts notifications to it. */
  publicBaseUrl: string;
  keepAliveMs: number;
  /** An extra CA (PEM) to trust for the identity platform, Graph and the key set. */
  caCertificate?: string | undefined;
  promptCacheDir: string;
}

const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);
const url = z.url({ protocol: /^https?$/ });

const envSchema = z.object({
  PARLEY_GRAPH_APP_ID: z.preprocess(unsetIfEmpty, z.string().min(1).optional()),
  PARLEY_GRAPH_APP_SECRET: z.preprocess(unsetIfEmpty, z.string().min(1).optional()),
  PARLEY_GRAPH_TENANT_ID: z.preprocess(unsetIfEmpty, z.string().min(1).default('common')),
  PARLEY_GRAPH_AUTHORITY_HOST: z.preprocess(unsetIfEmpty, url.default(GRAPH_DEFAULTS.authorityHost)),
  PARLEY_GRAPH_BASE_URL: z.preprocess(unsetIfEmpty, url.default(GRAPH_DEFAULTS.graphBaseUrl)),
  PARLEY_GRAPH_OPENID_CONFIGURATION_URL: z.preprocess(
    unsetIfEmpty,
    url.default(GRAPH_DEFAULTS.openIdConfigurationUrl),
  ),
  PARLEY_GRAPH_JWKS_URL: z.preprocess(unsetIfEmpty, url.optional()),
  PARLEY_GRAPH_ISSUERS: z.preprocess(unsetIfEmpty, z.string().default(GRAPH_DEFAULTS.issuers.join(','))),
  PARLEY_PUBLIC_BASE_URL: z.preprocess(unsetIfEmpty, url.optional()),
  PARLEY_GRAPH_KEEPALIVE_MINUTES: z.preprocess(unsetIfEmpty, z.coerce.number().min(1).max(45).default(15)),
  PARLEY_GRAPH_CA_FILE: z.preprocess(unsetIfEmpty, z.string().optional()),
  PARLEY_DATA_DIR: z.preprocess(unsetIfEmpty, z.string().default('.data')),
  PARLEY_PROMPT_CACHE_DIR: z.preprocess(unsetIfEmpty, z.string().optional()),
});

/** The Graph settings were not usable; the message names each variable. */
export class GraphConfigError extends Error {
  override name = 'GraphConfigError';
}

/**
 * Reads the Graph adapter's settings from `PARLEY_GRAPH_*` variables; null when no app id is set (the
 * adapter is off). Meant to be folded into the runtime's config.ts by its owner.
 */
export function loadGraphConfig(env: Record<string, string | undefined> = process.env): GraphConfig | null {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new GraphConfigError(`invalid Graph configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  if (!e.PARLEY_GRAPH_APP_ID) return null;
  const missing = [
    e.PARLEY_GRAPH_APP_SECRET ? null : 'PARLEY_GRAPH_APP_SECRET',
    e.PARLEY_PUBLIC_BASE_URL ? null : 'PARLEY_PUBLIC_BASE_URL',
  ].filter((name) => name !== null);
  if (missing.length > 0)
    throw new GraphConfigError(`PARLEY_GRAPH_APP_ID is set, so set ${missing.join(' and ')} too`);
  return {
    appId: e.PARLEY_GRAPH_APP_ID,
    appSecret: e.PARLEY_GRAPH_APP_SECRET!,
    tenantId: e.PARLEY_GRAPH_TENANT_ID,
    authorityHost: e.PARLEY_GRAPH_AUTHORITY_HOST,
    graphBaseUrl: e.PARLEY_GRAPH_BASE_URL,
    openIdConfigurationUrl: e.PARLEY_GRAPH_OPENID_CONFIGURATION_URL,
    jwksUrl: e.PARLEY_GRAPH_JWKS_URL,
    issuers: e.PARLEY_GRAPH_ISSUERS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    publicBaseUrl: e.PARLEY_PUBLIC_BASE_URL!.replace(/\/$/, ''),
    keepAliveMs: e.PARLEY_GRAPH_KEEPALIVE_MINUTES * 60_000,
    caCertificate: e.PARLEY_GRAPH_CA_FILE ? readFileSync(e.PARLEY_GRAPH_CA_FILE, 'utf8') : undefined,
    // One prompt folder for every adapter and the web app (16 kHz WAV here, G.711 for SIP, side by side).
    promptCacheDir: e.PARLEY_PROMPT_CACHE_DIR ?? join(e.PARLEY_DATA_DIR, 'prompt-cache'),
  };
}
