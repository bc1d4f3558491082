import { z } from 'zod';
import { defaultLimits } from '../message/limits.js';
import { defaultTimers } from '../transaction/timers.js';

const port = z.number().int().min(0).max(65535);

/** A plain listener; `false` turns the transport off. */
const listener = (defaultPort: number) =>
  z.union([z.literal(false), z.object({ port: port.default(defaultPort) })]).default({ port: defaultPort });

/** SIP endpoint settings, validated at the boundary (the runtime maps `PARLEY_SIP_*` env onto this). */
export const sipEndpointConfigSchema = z.object({
  /** The name in our Via sent-by and Contact: for Direct Routing the SBC FQDN on the certificate. */
  host: z.string().min(1).default('127.0.0.1'),
  /** The local address to bind (all interfaces by default). */
  bindAddress: z.string().min(1).default('0.0.0.0'),
  udp: listener(5060),
  tcp: listener(5060),
  /** TLS listener. Without cert/key a self-signed certificate for `host` is generated (needs openssl). */
  tls: z
    .union([
      z.literal(false),
      z.object({
        port: port.default(5061),
        cert: z.string().optional(),
        key: z.string().optional(),
        ca: z.array(z.string()).optional(),
        verifyPeer: z.boolean().default(true),
      }),
    ])
    .default({ port: 5061, verifyPeer: true }),
  /** T1/T2/T4 in ms (RFC 3261 §17); tests shrink them. */
  timers: z
    .object({
      t1: z.number().positive().default(defaultTimers.t1),
      t2: z.number().positive().default(defaultTimers.t2),
      t4: z.number().positive().default(defaultTimers.t4),
    })
    .default(defaultTimers),
  userAgent: z.string().default('Parley'),
  /** Headers added to every request and response we originate (e.g. `X-MS-SBC` toward Teams). */
  extraHeaders: z.record(z.string(), z.string()).default({}),
  /** RFC 4028 session interval we ask for, and the smallest we accept (Min-SE). */
  sessionExpires: z.number().int().min(90).default(1800),
  minSessionExpires: z.number().int().min(90).default(90),
  maxMessageBytes: z.number().int().positive().default(defaultLimits.maxMessageBytes),
  maxHeaderBytes: z.number().int().positive().default(defaultLimits.maxHeaderBytes),
});

/** Settings as a caller writes them (everything optional). */
export type SipEndpointConfig = z.input<typeof sipEndpointConfigSchema>;

/** Settings after defaults. */
export type ResolvedSipConfig = z.output<typeof sipEndpointConfigSchema>;

/** Validates settings; throws zod's error listing every problem. */
export function parseSipConfig(input: SipEndpointConfig): ResolvedSipConfig {
  return sipEndpointConfigSchema.parse(input);
}
