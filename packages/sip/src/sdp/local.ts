import type { G711 } from './codecs.js';
import type { Direction } from './describe.js';
import type { SrtpSuite } from './srtp.js';

/** Our side of an audio stream: where RTP goes and what the media layer can do. */
export interface LocalAudio {
  /** The RTP address announced in c= (and o=). */
  address: string;
  port: number;
  /** G.711 variants we accept or offer, in our order of preference for offers. Default: PCMU, PCMA. */
  codecs?: G711[];
  /** Packetisation time in ms; 20 unless said. */
  ptime?: number;
  /** What we want: `sendonly` puts the other side on hold, `inactive` stops media. Default `sendrecv`. */
  direction?: Direction;
  /** The payload type we offer for RFC 4733 events; answers use the offerer's. Default 101. */
  telephoneEventPayload?: number;
  /** SDES keying for SRTP, when the media layer can do it: our master key and salt. */
  srtp?: { keySalt: Buffer; suite?: SrtpSuite };
}
