import { describe, expect, it } from 'vitest';
import { describeSession } from './describe.js';
import { answerOffer, createOffer, readAnswer } from './negotiate.js';
import { generateSrtpKeySalt } from './srtp.js';

const sbcOffer = (
  options: { direction?: string; payloads?: string; protocol?: string; extra?: string[] } = {},
) =>
  [
    'v=0',
    'o=AudiocodesGW 1 2 IN IP4 198.51.100.7',
    's=Phone-Call',
    'c=IN IP4 198.51.100.7',
    't=0 0',
    `m=audio 6000 ${options.protocol ?? 'RTP/AVP'} ${options.payloads ?? '18 8 0 96'}`,
    'a=rtpmap:18 G729/8000',
    'a=rtpmap:8 PCMA/8000',
    'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:96 telephone-event/8000',
    'a=fmtp:96 0-15',
    'a=ptime:20',
    ...(options.extra ?? []),
    `a=${options.direction ?? 'sendrecv'}`,
    '',
  ].join('\r\n');

const local = { address: '203.0.113.5', port: 40000 };

describe('answering an SBC offer', () => {
  it("picks the offerer's first G.711 and its telephone-event payload type", () => {
    const outcome = answerOffer(sbcOffer(), local);
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.codec).toMatchObject({ payload: 8, name: 'PCMA' });
    expect(outcome.telephoneEvent).toEqual({ payload: 96, rate: 8000 });
    expect(outcome.remote).toMatchObject({ address: '198.51.100.7', port: 6000 });
    const answer = describeSession(outcome.sdp);
    expect(answer.audio).toMatchObject({
      address: '203.0.113.5',
      port: 40000,
      protocol: 'RTP/AVP',
      direction: 'sendrecv',
      ptime: 20,
      telephoneEvent: { payload: 96 },
    });
    expect(answer.audio?.codecs.map((c) => c.payload)).toEqual([8, 96]);
  });

  it('answers hold with recvonly, inactive with inactive, and old-style c=0.0.0.0 hold with recvonly', () => {
    const held = answerOffer(sbcOffer({ direction: 'sendonly' }), local);
    expect(held.ok && held.direction).toBe('recvonly');
    const inactive = answerOffer(sbcOffer({ direction: 'inactive' }), local);
    expect(inactive.ok && inactive.direction).toBe('inactive');
    const legacy = answerOffer(sbcOffer().replace(/c=IN IP4 198.51.100.7/, 'c=IN IP4 0.0.0.0'), local);
    expect(legacy.ok && legacy.direction).toBe('recvonly');
  });

  it('refuses an offer without G.711 with 488', () => {
    expect(answerOffer(sbcOffer({ payloads: '18 96' }), local)).toMatchObject({
      ok: false,
      status: 488,
      reason: 'no G.711 codec offered',
    });
  });

  it('declines a video stream with port 0 and keeps the m= line order', () => {
    const offer = `${sbcOffer()}m=video 6002 RTP/AVP 97\r\na=rtpmap:97 H264/90000\r\n`;
    const outcome = answerOffer(offer, local);
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(describeSession(outcome.sdp).media.map((m) => [m.type, m.port])).toEqual([
      ['audio', 40000],
      ['video', 0],
    ]);
  });

  it('exposes SDES crypto lines of an SRTP offer, answering only when the media layer gave a key', () => {
    const key = 'V/Lr6Lsvhad/crSB9kCQ28jrYDxR2Yfk5bXryH5V';
    const offer = sbcOffer({
      protocol: 'RTP/SAVP',
      payloads: '0 8 96',
      extra: [
        `a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:${key}|2^31`,
        `a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:${key}`,
      ],
    });
    const summary = describeSession(offer);
    expect(summary.audio?.srtp).toBe(true);
    expect(summary.audio?.crypto.map((c) => [c.tag, c.suite, c.keySalt?.length])).toEqual([
      [1, 'AES_CM_128_HMAC_SHA1_80', 30],
      [2, 'AES_CM_128_HMAC_SHA1_32', 30],
    ]);
    expect(answerOffer(offer, local)).toMatchObject({
      ok: false,
      reason: 'SRTP offered but not enabled here',
    });
    const outcome = answerOffer(offer, { ...local, srtp: { keySalt: generateSrtpKeySalt() } });
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.srtp?.remote.tag).toBe(1);
    expect(describeSession(outcome.sdp).audio?.crypto[0]).toMatchObject({
      tag: 1,
      suite: 'AES_CM_128_HMAC_SHA1_80',
    });
  });

  it('passes over crypto lines the media layer cannot key (MKI, KDR) for the next one, or refuses with 488', () => {
    const key = 'V/Lr6Lsvhad/crSB9kCQ28jrYDxR2Yfk5bXryH5V';
    const withMki = `a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:${key}|2^20|1:4`;
    const withKdr = `a=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:${key} KDR=1`;
    const plain = `a=crypto:3 AES_CM_128_HMAC_SHA1_32 inline:${key}|2^31`;
    const keyed = { ...local, srtp: { keySalt: generateSrtpKeySalt() } };
    const offer = (lines: string[]) => sbcOffer({ protocol: 'RTP/SAVP', payloads: '0 8 96', extra: lines });
    const picked = answerOffer(offer([withMki, withKdr, plain]), keyed);
    expect(picked.ok && picked.srtp?.remote.tag).toBe(3);
    expect(answerOffer(offer([withMki, withKdr]), keyed)).toMatchObject({
      ok: false,
      status: 488,
      reason: 'no supported SRTP crypto suite offered',
    });
  });
});

describe('offering to an agent leg', () => {
  it('offers PCMU, PCMA and telephone-event 101 at ptime 20, and reads the answer', () => {
    const offer = createOffer({ ...local, direction: 'sendonly' });
    const summary = describeSession(offer);
    expect(summary.audio?.codecs.map((c) => c.name)).toEqual(['PCMU', 'PCMA', 'telephone-event']);
    expect(summary.audio?.direction).toBe('sendonly');
    const answer = answerOffer(offer, { address: '198.51.100.9', port: 7000, codecs: ['PCMA'] });
    if (!answer.ok) throw new Error(answer.reason);
    expect(answer.direction).toBe('recvonly');
    expect(readAnswer(answer.sdp, local)).toMatchObject({
      ok: true,
      codec: { name: 'PCMA' },
      remote: { port: 7000 },
    });
  });
});
