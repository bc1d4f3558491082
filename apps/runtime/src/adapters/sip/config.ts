import { z } from 'zod';

/** SIP / Direct Routing adapter settings, validated at the boundary. */
export const sipAdapterConfigSchema = z.object({
  /** Our name in Via, Contact and Referred-By: for Direct Routing the FQDN on the SBC's trunk. */
  host: z.string().min(1).default('127.0.0.1'),
  /** Local address the SIP listener binds. */
  bindAddress: z.string().min(1).default('0.0.0.0'),
  /** UDP port for SIP; 0 picks a free one (tests). */
  udpPort: z.number().int().min(0).max(65535).default(5060),
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
  /** Folder of text prompts rendered to G.711. */
  promptCacheDir: z.string().min(1),
  /** Language of prompts that name none. */
  defaultLanguage: z.string().min(2).default('en-US'),
});

/** Settings as a caller writes them. */
export type SipAdapterConfigInput = z.input<typeof sipAdapterConfigSchema>;
/** Settings after defaults. */
export type SipAdapterConfig = z.output<typeof sipAdapterConfigSchema>;
