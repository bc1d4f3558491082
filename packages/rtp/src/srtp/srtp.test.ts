import { describe, expect, it } from 'vitest';
import { SrtpError } from '../errors';
import { parseRtpPacket, serializeRtpPacket } from '../packet/packet';
import { aesCm, aesCmIv } from './cipher';
import { SrtpContext } from './context';
import { deriveSrtpKeys } from './keys';
import { estimateIndex, ReplayWindow } from './replay';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');

/** RFC 3711 Appendix B.3's master key and salt, also used by the packet vectors below. */
const masterKey = hex('E1F97A0D3E018BE0D64FA32C06DE4139');
const masterSalt = hex('0EC675AD498AFEEBB6960B3AABE6');

/** An RTP datagram of Parley's own making: PCMU, 20 ms. */
function rtp(sequence: number, payload: Buffer = Buffer.alloc(160, 0x9a), ssrc = 0x5eed1e55): Buffer {
  return serializeRtpPacket({
    marker: false,
    payloadType: 0,
    sequence,
    timestamp: sequence * 160,
    ssrc,
    csrcs: [],
    payload,
    padding: 0,
  });
}

const keyA = hex('00112233445566778899aabbccddeeff 0102030405060708090a0b0c0d0e');
const keyB = hex('ffeeddccbbaa99887766554433221100 0e0d0c0b0a090807060504030201');

function reason(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof SrtpError) return error.reason;
    throw error;
  }
  return undefined;
}

describe('RFC 3711 Appendix B test vectors', () => {
  it('B.2: AES-CM keystream for key 2B7E…, salt F0F1…FCFD, SSRC 0, index 0 — first and last blocks', () => {
    const iv = aesCmIv(hex('F0F1F2F3F4F5F6F7F8F9FAFBFCFD'), 0, 0);
    expect(iv.toString('hex').toUpperCase()).toBe('F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000');
    const keystream = aesCm(hex('2B7E151628AED2A6ABF7158809CF4F3C'), iv, Buffer.alloc(1044512));
    expect(keystream.subarray(0, 48)).toEqual(
      hex(`E03EAD0935C95E80E166B16DD92B4EB4
           D23513162B02D0F72A43A2FE4A5F97AB
           41E95B3BB0A2E8DD477901E4FCA894C0`),
    );
    // Counters …FCFDFEFF, …FCFDFF00, …FCFDFF01: the end of the 65282-block segment.
    expect(keystream.subarray(-48)).toEqual(
      hex(`EC8CDF7398607CB0F2D21675EA9EA1E4
           362B7C3C6773516318A077D7FC5073AE
           6A2CC3787889374FBEB4C81B17BA6C44`),
    );
  });

  it('B.3: derives the cipher key, salt and auth key from master key E1F9… and salt 0EC6…', () => {
    const keys = deriveSrtpKeys(masterKey, masterSalt);
    expect(keys.cipherKey).toEqual(hex('C61E7A93744F39EE10734AFE3FF7A087'));
    expect(keys.cipherSalt).toEqual(hex('30CBBC08863D8C85D49DB34A9AE1'));
    expect(keys.authKey).toEqual(hex('CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4'));
  });

  it('puts the SSRC and the 48-bit index into the counter block (§4.1.1)', () => {
    const iv = aesCmIv(Buffer.alloc(14), 0xdeadbeef, 0x1234_5678_9abc);
    expect(iv.toString('hex')).toBe('00000000deadbeef123456789abc0000');
  });
});

describe('protecting packets the way other SRTP stacks do', () => {
  // Known answers shared by widely used SRTP stacks for AES_CM_128_HMAC_SHA1_80: a version-0 header with
  // sequence number N, timestamp and SSRC 0, payload 00 01 02 03 04 05 → 6 encrypted bytes then a 10-byte tag.
  const key = hex('0dcd213e4cbcf28f017f6994401e2889 62776038c06dc9419f6dd9433e7c');
  const cases: [number, string][] = [
    [5000, '6dd37ed599b72d28b1f3a1f00cfbfd08'],
    [5001, 'da470b2a745365bd2febdc4b6d23f3de'],
    [5002, '6ea7698d246ddcbfec021cd16076c10e'],
    [5003, '247e96c87d33a2928d138de0769f08dc'],
    [5004, '754328e43a77599b2edf7b12680b5749'],
  ];
  it.each(cases)('sequence %i → the same ciphertext and tag, and back', (sequence, expected) => {
    const header = Buffer.alloc(12);
    header.writeUInt16BE(sequence, 2);
    const plain = Buffer.concat([header, hex('000102030405')]);
    const srtp = new SrtpContext('AES_CM_128_HMAC_SHA1_80', key).protect(plain);
    expect(srtp).toEqual(Buffer.concat([header, hex(expected)]));
    expect(new SrtpContext('AES_CM_128_HMAC_SHA1_80', key).unprotect(srtp)).toEqual(plain);
  });
});

describe('a protected stream between Parley and an SBC', () => {
  it('round trip across a sequence-number wrap → every packet back as sent, the rollover counter goes to 1', () => {
    const sender = new SrtpContext('AES_CM_128_HMAC_SHA1_80', keyA);
    const receiver = new SrtpContext('AES_CM_128_HMAC_SHA1_80', keyA);
    const sequences = [0xfffa, 0xfffb, 0xfffc, 0xfffd, 0xfffe, 0xffff, 0, 1, 2, 3];
    const sent = sequences.map((sequence, i) => rtp(sequence, Buffer.alloc(160, i)));
    const protectedPackets = sent.map((packet) => sender.protect(packet));
    for (const [i, srtp] of protectedPackets.entries()) {
      expect(srtp).toHaveLength(12 + 160 + 10);
      expect(srtp.subarray(12, 172).equals(sent[i]?.subarray(12) as Buffer)).toBe(false);
      expect(receiver.unprotect(srtp)).toEqual(sent[i]);
    }
    // After the wrap the counter block and tag use ROC 1: a receiver that forgot the wrap cannot read them.
    const fresh = new SrtpContext('AES_CM_128_HMAC_SHA1_80', keyA);
    expect(reason(() => fresh.unprotect(protectedPackets[7] as Buffer))).toBe('auth-failure');
  });

  it('a packet from just before the wrap arrives after it → still read, with the old rollover counter', () => {
    const sender = new SrtpContext('AES_CM_128_HMAC_SHA1_80', keyA);
    const receiver = new SrtpContext('AES_CM_128_HMAC_SHA1_80', keyA);
    const [before, late, first, second] = [0xfffe, 0xffff, 0, 1].map((sequence) =>
      sender.protect(rtp(sequence)),
    );
    const heard = [before, first, late, second].map(
      (srtp) => parseRtpPacket(receiver.unprotect(srtp as Buffer)).sequence,
    );
    expect(heard).toEqual([0xfffe, 0, 0xffff, 1]);
  });

  it('someone flips a bit of the payload, header or tag → auth-failure, and the real packet still gets through', () => {
    const sender = new SrtpContext('AES_CM_128_HMAC_SHA1_80', keyA);
    const receiver = new SrtpContext('AES_CM_128_HMAC_SHA1_80', keyA);
    const srtp = sender.protect(rtp(100));
    for (const offset of [1, 20, srtp.length - 1]) {
      const tampered = Buffer.from(srtp);
      tampered[offset] = (tampered[offset] as number) ^ 0x01;
      expect(reason(() => receiver.unprotect(tampered))).toBe('auth-failure');
    }
    expect(receiver.unprotect(srtp)).toEqual(rtp(100));
  });

  it('the SBC keyed with another key → auth-failure', () => {
    const srtp = new SrtpContext('AES_CM_128_HMAC_SHA1_80', keyA).protect(rtp(7));
    expect(reason(() => new SrtpContext('AES_CM_128_HMAC_SHA1_80', keyB).unprotect(srtp))).toBe(
      'auth-failure',
    );
  });

  it('an attacker replays a packet → replay, also after newer ones and when 64 packets behind', () => {
    const sender = new SrtpContext('AES_CM_128_HMAC_SHA1_80', keyA);
    const receiver = new SrtpContext('AES_CM_128_HMAC_SHA1_80', keyA);
    const packets = Array.from({ length: 70 }, (_, i) => sender.protect(rtp(1000 + i)));
    receiver.unprotect(packets[0] as Buffer);
    expect(reason(() => receiver.unprotect(packets[0] as Buffer))).toBe('replay');
    // Out of order inside the window is fine, once.
    receiver.unprotect(packets[5] as Buffer);
    receiver.unprotect(packets[3] as Buffer);
    expect(reason(() => receiver.unprotect(packets[3] as Buffer))).toBe('replay');
    expect(reason(() => receiver.unprotect(packets[5] as Buffer))).toBe('replay');
    receiver.unprotect(packets[69] as Buffer);
    expect(reason(() => receiver.unprotect(packets[4] as Buffer))).toBe('replay'); // 65 behind: too old
    expect(receiver.unprotect(packets[6] as Buffer)).toEqual(rtp(1006)); // 63 behind: still in the window
  });

  it('datagrams too short for a header and tag → too-short', () => {
    const receiver = new SrtpContext('AES_CM_128_HMAC_SHA1_80', keyA);
    expect(reason(() => receiver.unprotect(Buffer.alloc(21)))).toBe('too-short');
    const withCsrcs = Buffer.alloc(12 + 10 + 8);
    withCsrcs[0] = 0x80 | 3; // three CSRCs announced, two fit
    expect(reason(() => receiver.unprotect(withCsrcs))).toBe('too-short');
    expect(reason(() => receiver.protect(Buffer.alloc(8)))).toBe('too-short');
  });

  it('keeps CSRCs and a header extension in the clear and authenticated', () => {
    const sender = new SrtpContext('AES_CM_128_HMAC_SHA1_80', keyA);
    const receiver = new SrtpContext('AES_CM_128_HMAC_SHA1_80', keyA);
    const plain = serializeRtpPacket({
      marker: true,
      payloadType: 8,
      sequence: 9,
      timestamp: 1440,
      ssrc: 42,
      csrcs: [1, 2],
      extension: { profile: 0xbede, data: Buffer.from([0x10, 0xaa, 0, 0]) },
      payload: Buffer.alloc(160, 0xd5),
      padding: 0,
    });
    const srtp = sender.protect(plain);
    expect(srtp.subarray(0, 12 + 8 + 8)).toEqual(plain.subarray(0, 12 + 8 + 8));
    expect(receiver.unprotect(srtp)).toEqual(plain);
  });

  it('AES_CM_128_HMAC_SHA1_32 → a 4-byte tag, the first 4 bytes of the _80 one', () => {
    const short = new SrtpContext('AES_CM_128_HMAC_SHA1_32', keyA);
    const long = new SrtpContext('AES_CM_128_HMAC_SHA1_80', keyA);
    expect(short.tagLength).toBe(4);
    const srtp32 = short.protect(rtp(500));
    const srtp80 = long.protect(rtp(500));
    expect(srtp32).toHaveLength(12 + 160 + 4);
    expect(srtp32).toEqual(srtp80.subarray(0, 12 + 160 + 4));
    expect(new SrtpContext('AES_CM_128_HMAC_SHA1_32', keyA).unprotect(srtp32)).toEqual(rtp(500));
    expect(reason(() => new SrtpContext('AES_CM_128_HMAC_SHA1_80', keyA).unprotect(srtp32))).toBe(
      'auth-failure',
    );
  });

  it('keeps a rollover counter and window per SSRC (an SBC that switches streams mid-call)', () => {
    const sender = new SrtpContext('AES_CM_128_HMAC_SHA1_80', keyA);
    const receiver = new SrtpContext('AES_CM_128_HMAC_SHA1_80', keyA);
    const first = rtp(40000, undefined, 1);
    const second = rtp(10, undefined, 2);
    expect(receiver.unprotect(sender.protect(first))).toEqual(first);
    expect(receiver.unprotect(sender.protect(second))).toEqual(second);
  });

  it('refuses a key and salt that are not 30 bytes', () => {
    expect(() => new SrtpContext('AES_CM_128_HMAC_SHA1_80', Buffer.alloc(16))).toThrow(RangeError);
  });
});

describe('index estimation and the replay window (RFC 3711 §3.3)', () => {
  it('guesses the rollover counter around a wrap', () => {
    expect(estimateIndex(0xfff0, 0x0002)).toBe(0x1_0002);
    expect(estimateIndex(0x1_0002, 0xfff0)).toBe(0xfff0);
    expect(estimateIndex(0x1_0002, 0x0005)).toBe(0x1_0005);
    expect(estimateIndex(5, 0xfff0)).toBeLessThan(0);
  });

  it('slides: accepted indexes are replays, the ones skipped are not until seen', () => {
    const window = new ReplayWindow(10);
    window.accept(12);
    expect([9, 10, 11, 12, 13].map((i) => window.isReplay(i))).toEqual([false, true, false, true, false]);
    window.accept(200);
    expect(window.isReplay(12)).toBe(true);
    expect(window.isReplay(137)).toBe(false);
    expect(window.isReplay(136)).toBe(true);
  });
});
