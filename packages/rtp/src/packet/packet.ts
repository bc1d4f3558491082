import { RtpParseError } from '../errors';

/** A header extension (RFC 3550 §5.3.1): a profile-defined 16-bit id and data in 32-bit words. */
export interface RtpExtension {
  profile: number;
  data: Buffer;
}

/** One RTP packet (RFC 3550 §5.1), version 2. */
export interface RtpPacket {
  marker: boolean;
  payloadType: number;
  /** 16-bit sequence number. */
  sequence: number;
  /** 32-bit timestamp in the payload's clock (8000 Hz for G.711 and telephone-event). */
  timestamp: number;
  ssrc: number;
  csrcs: number[];
  extension?: RtpExtension;
  payload: Buffer;
  /** Padding bytes after the payload (0: no P bit); parse strips them, serialise appends them. */
  padding: number;
}

const fixedHeader = 12;

/** Parses a datagram as RTP; throws `RtpParseError` when it is not a well-formed version 2 packet. */
export function parseRtpPacket(datagram: Uint8Array): RtpPacket {
  const bytes = Buffer.from(datagram.buffer, datagram.byteOffset, datagram.byteLength);
  if (bytes.length < fixedHeader)
    throw new RtpParseError('too-short', `${bytes.length} bytes, header needs 12`);
  const first = bytes[0] as number;
  const second = bytes[1] as number;
  if (first >> 6 !== 2) throw new RtpParseError('bad-version', `version ${first >> 6}, expected 2`);
  const csrcCount = first & 0x0f;
  let offset = fixedHeader + csrcCount * 4;
  if (bytes.length < offset) throw new RtpParseError('truncated-csrc', `${csrcCount} CSRCs do not fit`);
  const csrcs: number[] = [];
  for (let i = 0; i < csrcCount; i++) csrcs.push(bytes.readUInt32BE(fixedHeader + i * 4));
  let extension: RtpExtension | undefined;
  if (first & 0x10) {
    if (bytes.length < offset + 4) throw new RtpParseError('truncated-extension', 'extension header cut off');
    const profile = bytes.readUInt16BE(offset);
    const words = bytes.readUInt16BE(offset + 2);
    const end = offset + 4 + words * 4;
    if (bytes.length < end)
      throw new RtpParseError('truncated-extension', `extension of ${words} words cut off`);
    extension = { profile, data: bytes.subarray(offset + 4, end) };
    offset = end;
  }
  let end = bytes.length;
  let padding = 0;
  if (first & 0x20) {
    padding = bytes[bytes.length - 1] as number;
    if (padding === 0 || offset + padding > bytes.length) {
      throw new RtpParseError('bad-padding', `padding count ${padding} does not fit the packet`);
    }
    end -= padding;
  }
  const packet: RtpPacket = {
    marker: (second & 0x80) !== 0,
    payloadType: second & 0x7f,
    sequence: bytes.readUInt16BE(2),
    timestamp: bytes.readUInt32BE(4),
    ssrc: bytes.readUInt32BE(8),
    csrcs,
    payload: bytes.subarray(offset, end),
    padding,
  };
  if (extension) packet.extension = extension;
  return packet;
}

/** Serialises an RTP packet (version 2); the extension data is zero-padded to whole 32-bit words. */
export function serializeRtpPacket(packet: RtpPacket): Buffer {
  if (packet.csrcs.length > 15) throw new RangeError('at most 15 CSRCs fit in an RTP header');
  if (packet.padding < 0 || packet.padding > 255) throw new RangeError('padding must be 0-255 bytes');
  const extensionWords = packet.extension ? Math.ceil(packet.extension.data.length / 4) : 0;
  const headerLength =
    fixedHeader + packet.csrcs.length * 4 + (packet.extension ? 4 + extensionWords * 4 : 0);
  const out = Buffer.alloc(headerLength + packet.payload.length + packet.padding);
  out[0] = 0x80 | (packet.padding ? 0x20 : 0) | (packet.extension ? 0x10 : 0) | packet.csrcs.length;
  out[1] = (packet.marker ? 0x80 : 0) | (packet.payloadType & 0x7f);
  out.writeUInt16BE(packet.sequence & 0xffff, 2);
  out.writeUInt32BE(packet.timestamp >>> 0, 4);
  out.writeUInt32BE(packet.ssrc >>> 0, 8);
  let offset = fixedHeader;
  for (const csrc of packet.csrcs) {
    out.writeUInt32BE(csrc >>> 0, offset);
    offset += 4;
  }
  if (packet.extension) {
    out.writeUInt16BE(packet.extension.profile, offset);
    out.writeUInt16BE(extensionWords, offset + 2);
    packet.extension.data.copy(out, offset + 4);
    offset += 4 + extensionWords * 4;
  }
  packet.payload.copy(out, offset);
  if (packet.padding) out[out.length - 1] = packet.padding;
  return out;
}

/** Whether a datagram on a muxed port is RTCP rather than RTP (RFC 5761 §4: packet types 192-223). */
export function isRtcp(datagram: Uint8Array): boolean {
  const type = datagram[1];
  return datagram.length >= 2 && type !== undefined && type >= 192 && type <= 223;
}
