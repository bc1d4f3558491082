/** An RTP payload format as SDP names it. */
export interface Codec {
  payload: number;
  name: string;
  rate: number;
  channels?: number;
}

/** The G.711 codecs Parley's media layer speaks. */
export type G711 = 'PCMU' | 'PCMA';

/** Static payload types (RFC 3551 table 4) for offers that omit `a=rtpmap`. */
const staticPayloads: Record<number, Omit<Codec, 'payload'>> = {
  0: { name: 'PCMU', rate: 8000 },
  3: { name: 'GSM', rate: 8000 },
  4: { name: 'G723', rate: 8000 },
  8: { name: 'PCMA', rate: 8000 },
  9: { name: 'G722', rate: 8000 },
  13: { name: 'CN', rate: 8000 },
  18: { name: 'G729', rate: 8000 },
};

/** The static payload type of a G.711 codec. */
export const g711Payload: Record<G711, number> = { PCMU: 0, PCMA: 8 };

/** The codec a static payload type stands for, if it is one. */
export function staticCodec(payload: number): Codec | undefined {
  const known = staticPayloads[payload];
  return known ? { payload, ...known } : undefined;
}

/** Whether a codec is G.711 at 8 kHz (by name, so a dynamic payload type for PCMU counts too). */
export function isG711(codec: Codec): codec is Codec & { name: G711 } {
  const name = codec.name.toUpperCase();
  return (name === 'PCMU' || name === 'PCMA') && codec.rate === 8000;
}
