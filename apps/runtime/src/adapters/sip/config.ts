import { z } from 'zod';

/** SIP / Direct Routing adapter settings, validated at the boundary. */
export const sipAdapterConfigSchema = z.object({
  /** Our name in Via, Contact and Referred-By: for Direct Routing the FQDN on the SBC's trunk. */
  host: z.string().min(1).default('127.0.0.1'),
  /** Local address the SIP listener binds. */
  bindAddress: z.string().min(1).default('0.0.0.0'),
  /** UDP port for SIP; 0 picks a free one (tests); false turns UDP off. */
  udpPort: z.union([z.literal(false), z.number().int().min(0).max(65535)]).default(5060),
  /** TCP port for SIP; false turns TCP off. */
  tcpPort: z.union([z.literal(false), z.number().int().min(0).max(65535)]).default(false),
  /**
   * TLS listener (what Direct Routing uses): PEM certificate and key; without them a self-signed pair for
   * `host` is generated. false turns TLS off.
   */
  tls: z
    .union([
      z.literal(false),
      z.object({
        port: z.number().int().min(0).max(65535).default(5061),
        cert: z.string().min(1).optional(),
        key: z.string().min(1).optional(),
        /** Check the certificate of SBCs we connect to (agent legs); off only for lab SBCs. */
        verifyPeer: z.boolean().default(true),
      }),
    ])
    .default(false),
  /** The address announced in SDP for RTP (c= line). */
  mediaAddress: z.string().min(1).default('127.0.0.1'),
  /** Where RTP sockets bind; without a range any free port. */
  rtpBind: z
    .object({
      address: z.string().min(1).default('0.0.0.0'),
      portRange: z.object({ min: z.number().int().min(1), max: z.number().int().max(65535) }).optional(),
    })
    .default({ address: '0.0.0.0' }),
  /** Host of `sip:+E164@<host>;user=phone` transfer targets; the caller's SBC (remote target) when unset. */
  sbcHost: z.string().min(1).optional(),
  /**
   * SRTP with SDES keys: `when-offered` answers an RTP/SAVP offer with our key (plain RTP otherwise); `off`
   * refuses SRTP offers with 488. Agent legs toward Teams users are plain RTP.
   */
  srtp: z.enum(['when-offered', 'off']).default('when-offered'),
  /** Calls this runtime takes at once over SIP; past it new INVITEs get 503 with Retry-After. */
  maxCalls: z.number().int().min(1).default(500),
  /**
   * Past this event-loop delay (p99 over half a second) the runtime counts as overloaded: new INVITEs get
   * 503 with Retry-After so calls in progress keep clean audio. 0 turns the check off.
   */
  maxEventLoopLagMs: z.number().int().min(0).default(500),
  /** Ringback before answering (180 Ringing is sent at once); 0 answers as soon as the flow starts. */
  answerDelayMs: z.number().int().min(0).max(60_000).default(0),
  /** Folder of text prompts rendered to G.711. */
  promptCacheDir: z.string().min(1),
  /** Language of prompts that name none. */
  defaultLanguage: z.string().min(2).default('en-US'),
});

/** Settings as a caller writes them. */
export type SipAdapterConfigInput = z.input<typeof sipAdapterConfigSchema>;
/** Settings after defaults. */
export type SipAdapterConfig = z.output<typeof sipAdapterConfigSchema>;
