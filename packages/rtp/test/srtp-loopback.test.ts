import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import {
  g711Silence,
  parseRtpPacket,
  type RtpPacket,
  RtpSession,
  type RtpSessionOptions,
  SrtpContext,
  type SrtpSuite,
} from '../src/index';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const opened: { close(): unknown }[] = [];
afterEach(async () => {
  for (const thing of opened.splice(0)) await thing.close();
});

async function session(options: Partial<RtpSessionOptions> = {}) {
  const rtp = await RtpSession.open({
    codec: 'PCMU',
    telephoneEventPayloadType: 101,
    bind: { address: '127.0.0.1' },
    ...options,
  });
  opened.push(rtp);
  return rtp;
}

/** A prompt with something in it: a slow ramp through the μ-law codes, not silence. */
const prompt = (packets: number) =>
  Buffer.from(Array.from({ length: packets * 160 }, (_, i) => (i >> 3) & 0xff));

function heard(rtp: RtpSession): { audio: RtpPacket[]; keys: string[] } {
  const got = { audio: [] as RtpPacket[], keys: [] as string[] };
  rtp.on('audio', (packet) => got.audio.push(packet));
  rtp.on('dtmf', (digit) => got.keys.push(digit.key));
  return got;
}

describe.each<SrtpSuite>(['AES_CM_128_HMAC_SHA1_80', 'AES_CM_128_HMAC_SHA1_32'])(
  'an RTP/SAVP call keyed with SDES (%s)',
  (suite) => {
    it('Parley plays a prompt and dials 4 #, the SBC answers with 1 → each side hears the other over SRTP', async () => {
      const parleyKey = randomBytes(30);
      const sbcKey = randomBytes(30);
      const sbc = await session({ srtp: { suite, localKeySalt: sbcKey, remoteKeySalt: parleyKey } });
      const parley = await session({
        remote: sbc.local,
        srtp: { suite, localKeySalt: parleyKey, remoteKeySalt: sbcKey },
      });
      sbc.setRemote(parley.local);
      const atSbc = heard(sbc);
      const atParley = heard(parley);

      const welcome = prompt(10);
      await parley.play(welcome);
      await parley.sendDtmf('4#', { durationMs: 60, intervalMs: 20, gapMs: 40 });
      await sbc.sendDtmf('1', { durationMs: 60, intervalMs: 20 });
      await sleep(40);

      expect(Buffer.concat(atSbc.audio.map((p) => p.payload))).toEqual(welcome);
      expect(atSbc.keys).toEqual(['4', '#']);
      expect(atParley.keys).toEqual(['1']);
      expect(sbc.stats).toMatchObject({ received: 10 + 12, srtpFailures: 0, malformed: 0 });
      expect(parley.stats).toMatchObject({ received: 6, srtpFailures: 0, malformed: 0 });
    });

    it('someone on the path hears only ciphertext with a tag, which the right key opens', async () => {
      const parleyKey = randomBytes(30);
      const tap = createSocket('udp4');
      const wire: Buffer[] = [];
      tap.on('message', (datagram) => wire.push(datagram));
      await new Promise<void>((resolve) => tap.bind(0, '127.0.0.1', resolve));
      opened.push({ close: () => new Promise<void>((resolve) => tap.close(() => resolve())) });
      const parley = await session({
        remote: { address: '127.0.0.1', port: tap.address().port },
        srtp: { suite, localKeySalt: parleyKey, remoteKeySalt: randomBytes(30) },
      });

      const welcome = prompt(3);
      await parley.play(welcome);
      await sleep(30);

      const tagLength = suite === 'AES_CM_128_HMAC_SHA1_80' ? 10 : 4;
      expect(wire.map((d) => d.length)).toEqual(new Array(3).fill(12 + 160 + tagLength));
      const sbcSide = new SrtpContext(suite, parleyKey);
      wire.forEach((datagram, i) => {
        const chunk = welcome.subarray(i * 160, (i + 1) * 160);
        expect(datagram.subarray(12, 172).equals(chunk)).toBe(false);
        expect(parseRtpPacket(sbcSide.unprotect(datagram)).payload).toEqual(chunk);
      });
    });
  },
);

describe('SRTP keys that do not match', () => {
  it('the SBC answers with another key → Parley hears nothing, counts every packet as an SRTP failure, keeps running', async () => {
    const parleyKey = randomBytes(30);
    const sbc = await session({
      srtp: { suite: 'AES_CM_128_HMAC_SHA1_80', localKeySalt: randomBytes(30), remoteKeySalt: parleyKey },
    });
    const parley = await session({
      remote: { address: '127.0.0.1', port: 9 }, // symmetric RTP would move it to the SBC's port: it must not
      symmetric: true,
      srtp: { suite: 'AES_CM_128_HMAC_SHA1_80', localKeySalt: parleyKey, remoteKeySalt: randomBytes(30) },
    });
    sbc.setRemote(parley.local);
    const atParley = heard(parley);
    let learned = false;
    parley.on('remote', () => {
      learned = true;
    });

    await sbc.play(prompt(5));
    await sbc.sendDtmf('9', { durationMs: 60, intervalMs: 20 });
    await sleep(40);

    expect(atParley).toEqual({ audio: [], keys: [] });
    expect(parley.stats).toMatchObject({ received: 0, malformed: 0, srtpFailures: 5 + 6 });
    expect(learned).toBe(false); // a packet that fails authentication never moves the media
    // Parley's own direction is unaffected: the SBC still hears it.
    parley.setRemote(sbc.local);
    const atSbc = heard(sbc);
    await parley.play(prompt(2));
    await sleep(30);
    expect(atSbc.audio).toHaveLength(2);
  });

  it('plain RTP sent to an SRTP session → dropped and counted, never played as audio', async () => {
    const key = randomBytes(30);
    const secure = await session({
      srtp: { suite: 'AES_CM_128_HMAC_SHA1_80', localKeySalt: key, remoteKeySalt: key },
    });
    const plain = await session({ remote: secure.local });
    const atSecure = heard(secure);
    await plain.play(Buffer.alloc(320, g711Silence.PCMU));
    await sleep(30);
    expect(atSecure.audio).toHaveLength(0);
    expect(secure.stats).toMatchObject({ received: 0, srtpFailures: 2 });
  });
});

describe('bridging an SRTP caller to a plain RTP agent leg (B2BUA media relay)', () => {
  it('the SBC speaks SRTP, the agent phone plain RTP → the agent hears every frame, decrypted, once', async () => {
    const sbcKey = randomBytes(30);
    const parleyKey = randomBytes(30);
    const agentPhone = await session();
    const agentLeg = await session({ remote: agentPhone.local });
    const callerLeg = await session({
      srtp: { suite: 'AES_CM_128_HMAC_SHA1_80', localKeySalt: parleyKey, remoteKeySalt: sbcKey },
    });
    callerLeg.on('audio', (packet) => agentLeg.relay(packet, 'PCMU'));
    const sbc = await session({
      remote: callerLeg.local,
      srtp: { suite: 'AES_CM_128_HMAC_SHA1_80', localKeySalt: sbcKey, remoteKeySalt: parleyKey },
    });
    const atAgent = heard(agentPhone);

    const speech = prompt(8);
    await sbc.play(speech);
    await sleep(40);

    expect(Buffer.concat(atAgent.audio.map((p) => p.payload))).toEqual(speech);
    expect(agentPhone.stats).toMatchObject({ received: 8, malformed: 0 });
  });
});
