import { randomBytes, randomUUID } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { getCallRecording, listCallRecordings } from '@parley/db';
import { PromptCache, parseRtpPacket, type RtpPacket, RtpSession, SrtpContext } from '@parley/rtp';
import { describeSession, type SipResponse } from '@parley/sip';
import { RawPeer, sbcOffer } from '@parley/sip/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathOf } from '../runtime/harness';
import { SipRuntime } from './harness';

/** The SBC's half of a call, written by hand: INVITE/ACK/BYE lines and a socket that keeps every RTP packet. */
async function rtpCapture({ raw = false } = {}) {
  const socket = createSocket('udp4');
  const packets: { packet: RtpPacket; at: number }[] = [];
  const datagrams: Buffer[] = [];
  socket.on('message', (datagram) => {
    datagrams.push(datagram);
    if (!raw) packets.push({ packet: parseRtpPacket(datagram), at: performance.now() });
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { port: socket.address().port, packets, datagrams, close: () => socket.close() };
}

let counter = 0;
function dialogHeaders(peer: RawPeer, method: string, callId: string, seq = 1, toTag = '') {
  counter++;
  return [
    `Via: SIP/2.0/UDP 127.0.0.1:${peer.localPort};branch=z9hG4bK${counter}m${randomUUID().slice(0, 6)};rport`,
    'Max-Forwards: 70',
    `From: <sip:+12065550199@127.0.0.1;user=phone>;tag=sbc${callId.slice(0, 6)}`,
    `To: <sip:+14255550100@127.0.0.1;user=phone>${toTag ? `;tag=${toTag}` : ''}`,
    `Call-ID: ${callId}`,
    `CSeq: ${seq} ${method}`,
    `Contact: <sip:+12065550199@127.0.0.1:${peer.localPort};transport=udp>`,
  ];
}

const toTagOf = (response: SipResponse) => /;tag=([^;]+)/.exec(response.headers.get('To') ?? '')?.[1] ?? '';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('what the SBC receives and what it may send', () => {
  const sip = new SipRuntime();
  beforeAll(() => sip.start());
  afterAll(() => sip.stop());

  it('the welcome prompt captured off the wire → one talk-spurt, no gaps or bursts, decoding to the rendered prompt', async () => {
    const capture = await rtpCapture();
    const peer = await RawPeer.open('udp', sip.sipPort);
    const callId = `raw-${randomUUID()}`;
    const invite = 'INVITE sip:+14255550100@127.0.0.1;user=phone SIP/2.0';
    peer.send(
      [
        invite,
        ...dialogHeaders(peer, 'INVITE', callId),
        'Content-Type: application/sdp',
        'Content-Length: {{length}}',
      ],
      sbcOffer(capture.port),
    );
    const ok = await peer.response(200, 'INVITE', 10_000);
    const toTag = toTagOf(ok);
    peer.send([
      `ACK sip:127.0.0.1:${sip.sipPort} SIP/2.0`,
      ...dialogHeaders(peer, 'ACK', callId, 1, toTag),
      'Content-Length: 0',
    ]);

    // "Welcome." then the menu prompt, which starts the second talk-spurt (marker bit).
    const deadline = Date.now() + 8_000;
    while (capture.packets.filter((p) => p.packet.marker).length < 2 && Date.now() < deadline)
      await sleep(50);
    peer.send([
      `BYE sip:127.0.0.1:${sip.sipPort} SIP/2.0`,
      ...dialogHeaders(peer, 'BYE', callId, 2, toTag),
      'Content-Length: 0',
    ]);
    await peer.response(200, 'BYE');
    peer.close();
    capture.close();

    const second = capture.packets.findIndex((p, i) => i > 0 && p.packet.marker);
    expect(second).toBeGreaterThan(0);
    const welcome = capture.packets.slice(0, second);
    const rendered = await new PromptCache(sip.promptCacheDir).get({
      text: 'Welcome.',
      language: 'en-US',
      codec: 'PCMU',
    });
    expect(welcome).toHaveLength(Math.ceil(rendered.payload.length / 160));
    expect(welcome[0]?.packet.marker).toBe(true);
    for (let i = 1; i < welcome.length; i++) {
      const [a, b] = [welcome[i - 1]?.packet, welcome[i]?.packet] as [RtpPacket, RtpPacket];
      expect((b.sequence - a.sequence) & 0xffff).toBe(1);
      expect((b.timestamp - a.timestamp) >>> 0).toBe(160);
      expect(b.ssrc).toBe(a.ssrc);
      expect(b.payloadType).toBe(0);
    }
    const audio = Buffer.concat(welcome.map((p) => p.packet.payload));
    expect(audio.subarray(0, rendered.payload.length)).toEqual(Buffer.from(rendered.payload));
    // Paced in real time: the spurt lasts as long as its audio, give or take scheduling on a busy machine.
    const span = (welcome.at(-1)?.at ?? 0) - (welcome[0]?.at ?? 0);
    const expected = (welcome.length - 1) * 20;
    expect(span).toBeGreaterThan(expected * 0.7);
    expect(span).toBeLessThan(expected * 1.5 + 100);
  });

  it('the SBC offers RTP/SAVP with an SDES key → the answer carries our key, and the prompt arrives encrypted and authenticated', async () => {
    const key = randomBytes(30);
    const capture = await rtpCapture({ raw: true });
    const peer = await RawPeer.open('udp', sip.sipPort);
    const callId = `srtp-${randomUUID()}`;
    const offer = sbcOffer(capture.port)
      .replace('RTP/AVP', 'RTP/SAVP')
      .replace(
        'a=sendrecv',
        `a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:${key.toString('base64')}|2^31\r\na=sendrecv`,
      );
    peer.send(
      [
        'INVITE sip:+14255550100@127.0.0.1;user=phone SIP/2.0',
        ...dialogHeaders(peer, 'INVITE', callId),
        'Content-Type: application/sdp',
        'Content-Length: {{length}}',
      ],
      offer,
    );
    const ok = await peer.response(200, 'INVITE', 10_000);
    const toTag = toTagOf(ok);
    peer.send([
      `ACK sip:127.0.0.1:${sip.sipPort} SIP/2.0`,
      ...dialogHeaders(peer, 'ACK', callId, 1, toTag),
      'Content-Length: 0',
    ]);
    const answer = describeSession(ok.body.toString()).audio;
    expect(answer?.protocol).toBe('RTP/SAVP');
    const ours = answer?.crypto[0];
    expect(ours).toMatchObject({ tag: 1, suite: 'AES_CM_128_HMAC_SHA1_80' });
    expect(ours?.keySalt).toHaveLength(30);

    const deadline = Date.now() + 5_000;
    while (capture.datagrams.length < 10 && Date.now() < deadline) await sleep(50);
    peer.send([
      `BYE sip:127.0.0.1:${sip.sipPort} SIP/2.0`,
      ...dialogHeaders(peer, 'BYE', callId, 2, toTag),
      'Content-Length: 0',
    ]);
    await peer.response(200, 'BYE');
    peer.close();
    capture.close();

    const rendered = await new PromptCache(sip.promptCacheDir).get({
      text: 'Welcome.',
      language: 'en-US',
      codec: 'PCMU',
    });
    const srtp = new SrtpContext('AES_CM_128_HMAC_SHA1_80', ours?.keySalt as Buffer);
    const first = capture.datagrams.slice(0, 10);
    // Ciphertext on the wire: the payload is not the prompt, and the 10-byte tag follows it.
    expect(first[0]?.length).toBe(12 + 160 + 10);
    expect(first[0]?.subarray(12, 172)).not.toEqual(Buffer.from(rendered.payload.subarray(0, 160)));
    const clear = first.map((datagram) => parseRtpPacket(srtp.unprotect(datagram)));
    expect(Buffer.concat(clear.map((p) => p.payload))).toEqual(
      Buffer.from(rendered.payload.subarray(0, 1600)),
    );
  });

  it('the caller holds (re-INVITE sendonly) → answered recvonly and the stream stops; resumes → the stream goes on', async () => {
    const capture = await rtpCapture();
    const peer = await RawPeer.open('udp', sip.sipPort);
    const callId = `hold-${randomUUID()}`;
    const inDialog = (method: string, seq: number, toTag: string, uri = `sip:127.0.0.1:${sip.sipPort}`) => [
      `${method} ${uri} SIP/2.0`,
      ...dialogHeaders(peer, method, callId, seq, toTag),
    ];
    peer.send(
      [
        'INVITE sip:+14255550100@127.0.0.1;user=phone SIP/2.0',
        ...dialogHeaders(peer, 'INVITE', callId),
        'Content-Type: application/sdp',
        'Content-Length: {{length}}',
      ],
      sbcOffer(capture.port),
    );
    const ok = await peer.response(200, 'INVITE', 10_000);
    const toTag = toTagOf(ok);
    peer.send([...inDialog('ACK', 1, toTag), 'Content-Length: 0']);
    await sleep(400);
    expect(capture.packets.length).toBeGreaterThan(5);

    const held = sbcOffer(capture.port).replace('o=sbc 1 1', 'o=sbc 1 2').replace('a=sendrecv', 'a=sendonly');
    peer.send(
      [...inDialog('INVITE', 2, toTag), 'Content-Type: application/sdp', 'Content-Length: {{length}}'],
      held,
    );
    const holdOk = await peer.response(200, 'INVITE');
    peer.send([...inDialog('ACK', 2, toTag), 'Content-Length: 0']);
    expect(describeSession(holdOk.body.toString()).audio?.direction).toBe('recvonly');
    await sleep(100);
    const whileHeld = capture.packets.length;
    await sleep(600);
    expect(capture.packets.length).toBe(whileHeld);

    const resumed = sbcOffer(capture.port).replace('o=sbc 1 1', 'o=sbc 1 3');
    peer.send(
      [...inDialog('INVITE', 3, toTag), 'Content-Type: application/sdp', 'Content-Length: {{length}}'],
      resumed,
    );
    const resumeOk = await peer.response(200, 'INVITE');
    peer.send([...inDialog('ACK', 3, toTag), 'Content-Length: 0']);
    expect(describeSession(resumeOk.body.toString()).audio?.direction).toBe('sendrecv');
    await sleep(400);
    expect(capture.packets.length).toBeGreaterThan(whileHeld + 5);

    peer.send([...inDialog('BYE', 4, toTag), 'Content-Length: 0']);
    await peer.response(200, 'BYE');
    peer.close();
    capture.close();
  });

  it('an SBC without RFC 4733 sends the key as SIP INFO (dtmf-relay) → the menu takes it: 1 goes to sales by REFER', async () => {
    const capture = await rtpCapture();
    const peer = await RawPeer.open('udp', sip.sipPort);
    const callId = `info-${randomUUID()}`;
    const offer = sbcOffer(capture.port)
      .replace(' 0 8 101', ' 0 8')
      .replace(/a=(rtpmap|fmtp):101[^\r]*\r\n/g, '');
    peer.send(
      [
        'INVITE sip:+14255550100@127.0.0.1;user=phone SIP/2.0',
        ...dialogHeaders(peer, 'INVITE', callId),
        'Content-Type: application/sdp',
        'Content-Length: {{length}}',
      ],
      offer,
    );
    const ok = await peer.response(200, 'INVITE', 10_000);
    const toTag = toTagOf(ok);
    expect(ok.body.toString()).not.toContain('telephone-event');
    peer.send([
      `ACK sip:127.0.0.1:${sip.sipPort} SIP/2.0`,
      ...dialogHeaders(peer, 'ACK', callId, 1, toTag),
      'Content-Length: 0',
    ]);
    await sleep(1_500);
    peer.send(
      [
        `INFO sip:127.0.0.1:${sip.sipPort} SIP/2.0`,
        ...dialogHeaders(peer, 'INFO', callId, 2, toTag),
        'Content-Type: application/dtmf-relay',
        'Content-Length: {{length}}',
      ],
      'Signal=1\r\nDuration=160\r\n',
    );
    await peer.response(200, 'INFO');
    const refer = await peer.request('REFER', 5_000);
    expect(refer.headers.get('Refer-To')).toContain('+14255550123');
    peer.send([
      `BYE sip:127.0.0.1:${sip.sipPort} SIP/2.0`,
      ...dialogHeaders(peer, 'BYE', callId, 3, toTag),
      'Content-Length: 0',
    ]);
    await peer.response(200, 'BYE');
    peer.close();
    capture.close();
    const events = await sip.events(callId);
    expect(events.find((e) => e.type === 'digits.received')?.data).toMatchObject({ digit: '1' });
  });

  it('caller presses 4 → hears the greeting and the beep → speaks 1.2 s → presses # → the message is stored with the call, and Parley hangs up', async () => {
    const peer = await RawPeer.open('udp', sip.sipPort);
    const phone = await RtpSession.open({
      codec: 'PCMU',
      telephoneEventPayloadType: 101,
      bind: { address: '127.0.0.1' },
    });
    const callId = `vm-${randomUUID()}`;
    peer.send(
      [
        'INVITE sip:+14255550100@127.0.0.1;user=phone SIP/2.0',
        ...dialogHeaders(peer, 'INVITE', callId),
        'Content-Type: application/sdp',
        'Content-Length: {{length}}',
      ],
      sbcOffer(phone.local.port),
    );
    const ok = await peer.response(200, 'INVITE', 10_000);
    const toTag = toTagOf(ok);
    peer.send([
      `ACK sip:127.0.0.1:${sip.sipPort} SIP/2.0`,
      ...dialogHeaders(peer, 'ACK', callId, 1, toTag),
      'Content-Length: 0',
    ]);
    const answer = describeSession(ok.body.toString()).audio;
    phone.setRemote({ address: '127.0.0.1', port: answer?.port ?? 0 });
    let heard = 0;
    let spurts = 0;
    phone.on('audio', (packet) => {
      heard++;
      if (packet.marker) spurts++;
    });
    // Into the menu prompt (the second talk-spurt), then the key.
    for (const deadline = Date.now() + 8_000; spurts < 2 && Date.now() < deadline; ) await sleep(50);
    await phone.sendDtmf('4');
    // The greeting and the beep: Parley sends, then goes quiet to listen.
    const deadline = Date.now() + 8_000;
    let last = -1;
    while (Date.now() < deadline) {
      await sleep(300);
      if (heard === last) break;
      last = heard;
    }
    await phone.play(Buffer.alloc(9_600, 0x9a)); // 1.2 s of a steady level, well above silence
    await phone.sendDtmf('#');
    const bye = await peer.request('BYE', 5_000);
    peer.send([
      'SIP/2.0 200 OK',
      ...['Via', 'From', 'To', 'Call-ID', 'CSeq'].map((h) => `${h}: ${bye.headers.get(h)}`),
      'Content-Length: 0',
    ]);
    peer.close();
    await phone.close();

    const events = await sip.events(callId);
    expect(pathOf(events)).toEqual(['start:next', 'welcome:done', 'mainMenu:4']);
    expect(events.at(-1)).toMatchObject({ type: 'call.ended', data: { by: 'handoff' } });
    const [message] = await listCallRecordings(sip.database.db, sip.tenantId, { callId: events[0]?.callId });
    expect(message).toMatchObject({ contentType: 'audio/wav', endedBy: 'key' });
    expect(message?.durationMs).toBeGreaterThan(1_000);
    expect(message?.durationMs).toBeLessThan(1_600);
    const stored = await getCallRecording(sip.database.db, sip.tenantId, message?.id ?? '');
    expect(
      Buffer.from(stored?.bytes ?? [])
        .subarray(0, 4)
        .toString(),
    ).toBe('RIFF');
  });

  it('malformed SIP → 400 or dropped, the listener keeps answering, and no call is left behind', async () => {
    const peer = await RawPeer.open('udp', sip.sipPort);
    const invite = 'INVITE sip:+14255550100@127.0.0.1;user=phone SIP/2.0';
    // Garbage bytes and a start line that is no SIP: dropped (nothing to answer to).
    peer.sendRaw(Buffer.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0xff]));
    peer.sendRaw(Buffer.from('HELLO sbc.fabrikam.com\r\n\r\n'));
    peer.send([
      'INVITE sip:+14255550100@127.0.0.1 SIP/3.0',
      ...dialogHeaders(peer, 'INVITE', `v-${randomUUID()}`),
      'Content-Length: 0',
    ]);
    // No Call-ID: 400 naming it.
    peer.send([
      invite,
      ...dialogHeaders(peer, 'INVITE', 'x').filter((h) => !h.startsWith('Call-ID')),
      'Content-Length: 0',
    ]);
    const missing = await peer.response(400);
    expect(missing.reason).toMatch(/Call-ID/);
    // Content-Length beyond the datagram: 400.
    const short = `short-${randomUUID()}`;
    peer.send(
      [
        invite,
        ...dialogHeaders(peer, 'INVITE', short),
        'Content-Type: application/sdp',
        'Content-Length: 900',
      ],
      sbcOffer(7000),
    );
    const truncated = await peer.response(400, 'INVITE');
    expect(truncated.reason).toMatch(/Content-Length/i);
    // 20 KB of headers: refused without being parsed further.
    const huge = `huge-${randomUUID()}`;
    peer.send([
      invite,
      ...dialogHeaders(peer, 'INVITE', huge),
      `X-Padding: ${'a'.repeat(20_000)}`,
      'Content-Length: 0',
    ]);
    await sleep(300);
    const answeredHuge = peer.received.filter(
      (m) => m.kind === 'response' && m.headers.get('Call-ID') === huge,
    );
    expect(answeredHuge.every((m) => m.kind === 'response' && m.status >= 400)).toBe(true);

    // Still serving: an OPTIONS ping is answered.
    peer.send([
      `OPTIONS sip:127.0.0.1:${sip.sipPort} SIP/2.0`,
      ...dialogHeaders(peer, 'OPTIONS', `ping-${randomUUID()}`),
      'Content-Length: 0',
    ]);
    await peer.response(200, 'OPTIONS');
    peer.close();
    expect(sip.runtime.sip?.activeCalls).toBe(0);
    expect(sip.runtime.manager.activeCalls).toBe(0);
    await sip.runtime.sink.flush();
    const versionRejects = peer.received.filter((m) => m.kind === 'response' && m.status === 505);
    expect(versionRejects).toHaveLength(1);
  });
});
