import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { generateSelfSignedCertificate } from '@parley/sip';
import { z } from 'zod';
import { ConfigError } from '../../config';
import type { SipAdapterConfigInput } from './config';

const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(unsetIfEmpty, schema.optional());
/** A port, or `off` for a transport that should not listen. */
const listenPort = (fallback: number | 'off') =>
  z.preprocess(
    unsetIfEmpty,
    z
      .union([z.literal('off'), z.coerce.number().int().min(0).max(65535)])
      .default(fallback)
      .transform((value) => (value === 'off' ? (false as const) : value)),
  );

const sipEnvSchema = z.object({
  PARLEY_SIP: z.preprocess(unsetIfEmpty, z.enum(['on', 'off']).default('on')),
  PARLEY_SIP_HOST: z.preprocess(unsetIfEmpty, z.string().min(1).default('127.0.0.1')),
  PARLEY_SIP_BIND: z.preprocess(unsetIfEmpty, z.string().min(1).default('0.0.0.0')),
  PARLEY_SIP_UDP_PORT: listenPort(5060),
  PARLEY_SIP_TCP_PORT: listenPort(5060),
  PARLEY_SIP_TLS_PORT: listenPort(5061),
  PARLEY_SIP_TLS_CERT: optional(z.string()),
  PARLEY_SIP_TLS_KEY: optional(z.string()),
  PARLEY_SIP_MEDIA_ADDRESS: optional(z.string().refine((v) => isIP(v) !== 0, 'an IPv4 or IPv6 address')),
  PARLEY_SIP_RTP_PORTS: optional(
    z
      .string()
      .regex(/^\d+-\d+$/, 'a range like 20000-30000')
      .transform((v) => v.split('-').map(Number) as [number, number])
      .refine(([min, max]) => min >= 1024 && max <= 65535 && min < max, 'between 1024 and 65535, low-high'),
  ),
  PARLEY_SIP_SBC_HOST: optional(z.string().min(1)),
  PARLEY_SIP_MAX_CALLS: optional(z.coerce.number().int().min(1)),
  PARLEY_SIP_MAX_LAG_MS: optional(z.coerce.number().int().min(0)),
  PARLEY_SIP_SRTP: optional(z.enum(['when-offered', 'off'])),
  PARLEY_PROMPT_CACHE_DIR: optional(z.string().min(1)),
  PARLEY_PROMPT_LANGUAGE: optional(z.string().min(2)),
});

/**
 * The SIP adapter's settings from `PARLEY_SIP_*` variables; null when `PARLEY_SIP=off`. TLS without
 * `PARLEY_SIP_TLS_CERT`/`_KEY` (PEM file paths) uses a self-signed pair for the host, generated once into
 * the data folder, so an SBC can pin it across restarts.
 */
export async function loadSipConfig(
  env: Record<string, string | undefined>,
  dataDir: string,
): Promise<SipAdapterConfigInput | null> {
  const parsed = sipEnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid SIP configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  if (e.PARLEY_SIP === 'off') return null;
  if (Boolean(e.PARLEY_SIP_TLS_CERT) !== Boolean(e.PARLEY_SIP_TLS_KEY))
    throw new ConfigError(
      'invalid SIP configuration: set both PARLEY_SIP_TLS_CERT and PARLEY_SIP_TLS_KEY, or neither',
    );
  const host = e.PARLEY_SIP_HOST;
  const mediaAddress = e.PARLEY_SIP_MEDIA_ADDRESS ?? (isIP(host) ? host : '127.0.0.1');
  const tls =
    e.PARLEY_SIP_TLS_PORT === false
      ? (false as const)
      : {
          port: e.PARLEY_SIP_TLS_PORT,
          ...(e.PARLEY_SIP_TLS_CERT && e.PARLEY_SIP_TLS_KEY
            ? {
                cert: readPem(e.PARLEY_SIP_TLS_CERT, 'PARLEY_SIP_TLS_CERT'),
                key: readPem(e.PARLEY_SIP_TLS_KEY, 'PARLEY_SIP_TLS_KEY'),
              }
            : await demoCertificate(join(dataDir, 'sip-tls'), host)),
        };
  const range = e.PARLEY_SIP_RTP_PORTS;
  return {
    host,
    bindAddress: e.PARLEY_SIP_BIND,
    udpPort: e.PARLEY_SIP_UDP_PORT,
    tcpPort: e.PARLEY_SIP_TCP_PORT,
    tls,
    mediaAddress,
    rtpBind: {
      address: e.PARLEY_SIP_BIND,
      ...(range ? { portRange: { min: range[0], max: range[1] } } : {}),
    },
    ...(e.PARLEY_SIP_SBC_HOST ? { sbcHost: e.PARLEY_SIP_SBC_HOST } : {}),
    ...(e.PARLEY_SIP_MAX_CALLS ? { maxCalls: e.PARLEY_SIP_MAX_CALLS } : {}),
    ...(e.PARLEY_SIP_MAX_LAG_MS !== undefined ? { maxEventLoopLagMs: e.PARLEY_SIP_MAX_LAG_MS } : {}),
    ...(e.PARLEY_SIP_SRTP ? { srtp: e.PARLEY_SIP_SRTP } : {}),
    // Shared with the web app, which renders a version's prompts here when it is published.
    promptCacheDir: e.PARLEY_PROMPT_CACHE_DIR ?? join(dataDir, 'prompt-cache'),
    ...(e.PARLEY_PROMPT_LANGUAGE ? { defaultLanguage: e.PARLEY_PROMPT_LANGUAGE } : {}),
  };
}

function readPem(path: string, variable: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`${variable}: cannot read ${path} (${(error as Error).message})`);
  }
}

/** The self-signed pair of the embedded default, made on first start and kept with the data. */
async function demoCertificate(dir: string, host: string): Promise<{ cert: string; key: string }> {
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  if (existsSync(certPath) && existsSync(keyPath))
    return { cert: readFileSync(certPath, 'utf8'), key: readFileSync(keyPath, 'utf8') };
  const pair = await generateSelfSignedCertificate(host);
  mkdirSync(dir, { recursive: true });
  writeFileSync(keyPath, pair.key, { mode: 0o600 });
  writeFileSync(certPath, pair.cert);
  return pair;
}
