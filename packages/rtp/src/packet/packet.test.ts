import { describe, expect, it } from 'vitest';
import { RtpParseError } from '../errors';
import { isRtcp, parseRtpPacket, type RtpPacket, serializeRtpPacket } from './packet';

const audio: RtpPacket = {
  marker: true,
  payloadType: 0,
  sequence: 65535,
  timestamp: 0xfffffff0,
  ssrc: 0xdeadbeef,
  csrcs: [],
  payload: Buffer.alloc(160, 0xff),
  padding: 0,
};

describe('RTP packets from and to the wire', () => {
  it('reads a telephone-event packet as sipp captured it', () => {
    const packet = parseRtpPacket(Buffer.from('80e51f30000033e00e05384e010a0000', 'hex'));
    expect(packet).toMatchObject({
      marker: true,
      payloadType: 101,
      sequence: 0x1f30,
      timestamp: 0x33e0,
      ssrc: 0x0e05384e,
    });
    expect(packet.payload).toEqual(Buffer.from('010a0000', 'hex'));
  });

  it('writes a G.711 packet with a 12-byte header and reads it back unchanged', () => {
    const bytes = serializeRtpPacket(audio);
    expect(bytes).toHaveLength(172);
    expect(bytes.subarray(0, 12).toString('hex')).toBe('8080fffffffffff0deadbeef');
    expect(parseRtpPacket(bytes)).toEqual(audio);
  });

  it('round-trips CSRCs, a header extension and padding', () => {
    const mixed: RtpPacket = {
      ...audio,
      marker: false,
      payloadType: 8,
      csrcs: [1, 0xffffffff],
      extension: { profile: 0xbede, data: Buffer.from([0x10, 0xaa, 0, 0]) },
      padding: 3,
    };
    const bytes = serializeRtpPacket(mixed);
    expect(bytes[0]).toBe(0x80 | 0x20 | 0x10 | 2);
    expect(bytes).toHaveLength(12 + 8 + 8 + 160 + 3);
    expect(parseRtpPacket(bytes)).toEqual(mixed);
  });

  it.each([
    ['too-short', '8000'],
    ['bad-version', `40${'00'.repeat(11)}`],
    ['truncated-csrc', `83${'00'.repeat(15)}`],
    ['truncated-extension', `90${'00'.repeat(11)}bede0002aaaa`],
    ['bad-padding', `a0${'00'.repeat(11)}ffff00`],
    ['bad-padding', `a0${'00'.repeat(11)}ffff09`],
  ])('rejects a malformed packet with reason %s', (reason, hex) => {
    const parse = () => parseRtpPacket(Buffer.from(hex, 'hex'));
    expect(parse).toThrow(RtpParseError);
    expect(parse).toThrow(expect.objectContaining({ reason }));
  });

  it('tells muxed RTCP (sender report, PT 200) from RTP', () => {
    expect(isRtcp(Buffer.from('80c80006', 'hex'))).toBe(true);
    expect(isRtcp(serializeRtpPacket(audio))).toBe(false);
  });
});
