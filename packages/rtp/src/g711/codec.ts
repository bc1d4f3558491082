import { alawToLinear, linearToAlaw } from './alaw';
import { linearToUlaw, ulawToLinear } from './ulaw';

/** The G.711 codecs, named as SDP names them (same union as `@parley/sip`'s `G711`). */
export type G711 = 'PCMU' | 'PCMA';

/** The static RTP payload type of each G.711 codec (RFC 3551 table 4). */
export const g711PayloadType: Record<G711, number> = { PCMU: 0, PCMA: 8 };

/** The byte that decodes to digital silence (0) in each codec: padding for a short last packet. */
export const g711Silence: Record<G711, number> = { PCMU: 0xff, PCMA: 0xd5 };

// Tables built once: 64 KiB per encoder, so encoding a prompt is one lookup per sample.
const encodeTables: Record<G711, Uint8Array> = {
  PCMU: buildEncoder(linearToUlaw),
  PCMA: buildEncoder(linearToAlaw),
};
const decodeTables: Record<G711, Int16Array> = {
  PCMU: buildDecoder(ulawToLinear),
  PCMA: buildDecoder(alawToLinear),
};

/** Encodes 16-bit linear PCM to G.711 bytes. */
export function encodeG711(pcm: Int16Array, codec: G711): Buffer {
  const table = encodeTables[codec];
  const out = Buffer.allocUnsafe(pcm.length);
  for (let i = 0; i < pcm.length; i++) out[i] = table[(pcm[i] as number) & 0xffff] as number;
  return out;
}

/** Decodes G.711 bytes to 16-bit linear PCM. */
export function decodeG711(payload: Uint8Array, codec: G711): Int16Array {
  const table = decodeTables[codec];
  const out = new Int16Array(payload.length);
  for (let i = 0; i < payload.length; i++) out[i] = table[payload[i] as number] as number;
  return out;
}

/** The file extension a cached prompt in this codec gets (`.ulaw` / `.alaw`, as sox and Asterisk name them). */
export function g711Extension(codec: G711): string {
  return codec === 'PCMU' ? 'ulaw' : 'alaw';
}

function buildEncoder(encode: (sample: number) => number): Uint8Array {
  const table = new Uint8Array(65536);
  for (let i = 0; i < 65536; i++) table[i] = encode(i >= 32768 ? i - 65536 : i);
  return table;
}

function buildDecoder(decode: (code: number) => number): Int16Array {
  const table = new Int16Array(256);
  for (let code = 0; code < 256; code++) table[code] = decode(code);
  return table;
}
