import { parse } from 'sdp-transform';
import { SipParseError } from '../errors.js';
import { type Codec, staticCodec } from './codecs.js';

/** Media direction attribute (RFC 3264 §5.1). */
export type Direction = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

/** One `a=crypto` line (SDES, RFC 4568): the media layer decides whether it can do SRTP with it. */
export interface SdesCrypto {
  tag: number;
  suite: string;
  /** The key-params as written, e.g. `inline:<base64 key||salt>|2^31`. */
  keyParams: string;
  /** The master key and salt decoded from the first `inline:` key-param, when well formed. */
  keySalt?: Buffer;
  /** Session parameters after the key-params (`KDR=…`, `UNENCRYPTED_SRTP`…), when any. */
  sessionParams?: string;
}

/** An audio stream as one side described it. */
export interface AudioDescription {
  /** Index of the m= line in the session (answers keep the offer's order). */
  index: number;
  address: string;
  port: number;
  protocol: string;
  /** Payload formats in the describer's order of preference (telephone-event and CN included). */
  codecs: Codec[];
  /** RFC 4733 events, when offered: the payload type to send digits with. */
  telephoneEvent?: { payload: number; rate: number };
  /** The direction as written, with RFC 2543 hold (`c=0.0.0.0`) read as `sendonly`. */
  direction: Direction;
  ptime?: number;
  /** Whether the profile is secure RTP (RTP/SAVP, RTP/SAVPF, UDP/TLS/RTP/SAVP). */
  srtp: boolean;
  crypto: SdesCrypto[];
  rtcpMux: boolean;
}

/** What matters of a session description for offer/answer with G.711. */
export interface SessionSummary {
  origin: { username: string; sessionId: string; version: number; address: string };
  /** The first audio stream with a non-zero port, if any. */
  audio?: AudioDescription;
  /** Every m= line's type and port, so an answer can reject the others with port 0. */
  media: { type: string; port: number; protocol: string; payloads: string }[];
}

/** Parses SDP text into the parts offer/answer needs; throws `SipParseError` if it is not SDP. */
export function describeSession(sdp: string): SessionSummary {
  const session = parse(sdp);
  if (session.version !== 0 || !session.origin || !Array.isArray(session.media)) {
    throw new SipParseError('bad-header', 'body is not a session description (v=0, o= and m= lines)');
  }
  const media = session.media.map((m) => ({
    type: m.type,
    port: m.port,
    protocol: m.protocol,
    payloads: String(m.payloads ?? ''),
  }));
  const summary: SessionSummary = {
    origin: {
      username: session.origin.username,
      sessionId: String(session.origin.sessionId),
      version: Number(session.origin.sessionVersion),
      address: session.origin.address,
    },
    media,
  };
  const index = session.media.findIndex((m) => m.type === 'audio' && m.port !== 0);
  const m = session.media[index];
  if (!m) return summary;
  const payloads = String(m.payloads ?? '')
    .split(/\s+/)
    .filter((p) => p !== '')
    .map(Number);
  const codecs = payloads.flatMap((payload): Codec[] => {
    const rtp = m.rtp.find((r) => r.payload === payload);
    if (rtp) {
      const codec: Codec = { payload, name: rtp.codec, rate: rtp.rate ?? 8000 };
      if (rtp.encoding !== undefined) codec.channels = rtp.encoding;
      return [codec];
    }
    const known = staticCodec(payload);
    return known ? [known] : [];
  });
  const event = codecs.find((c) => c.name.toLowerCase() === 'telephone-event');
  const address = m.connection?.ip ?? session.connection?.ip ?? '';
  let direction: Direction = m.direction ?? session.direction ?? 'sendrecv';
  if (address === '0.0.0.0' && direction === 'sendrecv') direction = 'sendonly';
  const audio: AudioDescription = {
    index,
    address,
    port: m.port,
    protocol: m.protocol,
    codecs,
    direction,
    srtp: /SAVP/i.test(m.protocol),
    crypto: (m.crypto ?? []).map((c) => {
      const crypto: SdesCrypto = { tag: c.id, suite: c.suite, keyParams: c.config };
      if (c.sessionConfig) crypto.sessionParams = c.sessionConfig;
      const inline = /^inline:([A-Za-z0-9+/=]+)/.exec(c.config);
      if (inline?.[1]) crypto.keySalt = Buffer.from(inline[1], 'base64');
      return crypto;
    }),
    rtcpMux: m.rtcpMux !== undefined,
  };
  if (event) audio.telephoneEvent = { payload: event.payload, rate: event.rate };
  if (m.ptime !== undefined) audio.ptime = m.ptime;
  summary.audio = audio;
  return summary;
}
