import { randomBytes, randomUUID } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { getCallRecording, listCallRecordings } from '@parley/db';
import { PromptCache, parseRtpPacket, type RtpPacket, RtpSession, SrtpContext } from '@parley/rtp';
import { describeSession } from '@parley/sip';
import { sbcOffer } from '@parley/sip/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathOf } from '../runtime/harness';
import { SipRuntime } from './harness';
import { SbcCall } from './sbc-call';

/** The SBC's media socket: keeps every RTP datagram (and the parsed packets of plain RTP). */
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('what the SBC receives and what it may send', () => {
  const sip = new SipRuntime();
  beforeAll(() => sip.start());
  afterAll(() => sip.stop());

  it('the welcome prompt captured off the wire → one talk-spurt, no gaps or bursts, decoding to the rendered prompt', async () => {
    const capture = await rtpCapture();
    const call = await SbcCall.open(sip.sipPort);
    await call.connect(sbcOffer(capture.port));

    // "Welcome." then the menu prompt, which starts the second talk-spurt (marker bit).
    const deadline = Date.now() + 8_000;
    while (capture.packets.filter((p) => p.packet.marker).length < 2 && Date.now() < deadline)
      await sleep(50);
    await call.bye();
    call.close();
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
    const call = await SbcCall.open(sip.sipPort);
    const offer = sbcOffer(capture.port)
      .replace('RTP/AVP', 'RTP/SAVP')
      .replace(
        'a=sendrecv',
        `a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:${key.toString('base64')}|2^31\r\na=sendrecv`,
      );
    const ok = await call.connect(offer);
    const answer = describeSession(ok.body.toString()).audio;
    expect(answer?.protocol).toBe('RTP/SAVP');
    const ours = answer?.crypto[0];
    expect(ours).toMatchObject({ tag: 1, suite: 'AES_CM_128_HMAC_SHA1_80' });
    expect(ours?.keySalt).toHaveLength(30);

    const deadline = Date.now() + 5_000;
    while (capture.datagrams.length < 10 && Date.now() < deadline) await sleep(50);
    await call.bye();
    call.close();
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
    const call = await SbcCall.open(sip.sipPort);
    await call.connect(sbcOffer(capture.port));
    await sleep(400);
    expect(capture.packets.length).toBeGreaterThan(5);

    const held = await call.reinvite(
      sbcOffer(capture.port).replace('o=sbc 1 1', 'o=sbc 1 2').replace('a=sendrecv', 'a=sendonly'),
    );
    expect(describeSession(held.body.toString()).audio?.direction).toBe('recvonly');
    await sleep(100);
    const whileHeld = capture.packets.length;
    await sleep(600);
    expect(capture.packets.length).toBe(whileHeld);

    const resumed = await call.reinvite(sbcOffer(capture.port).replace('o=sbc 1 1', 'o=sbc 1 3'));
    expect(describeSession(resumed.body.toString()).audio?.direction).toBe('sendrecv');
    await sleep(400);
    expect(capture.packets.length).toBeGreaterThan(whileHeld + 5);

    await call.bye();
    call.close();
    capture.close();
  });

  it('an SBC without RFC 4733 sends the key as SIP INFO (dtmf-relay) → the menu takes it: 1 goes to sales by REFER', async () => {
    const capture = await rtpCapture();
    const call = await SbcCall.open(sip.sipPort);
    const offer = sbcOffer(capture.port)
      .replace(' 0 8 101', ' 0 8')
      .replace(/a=(rtpmap|fmtp):101[^\r]*\r\n/g, '');
    const ok = await call.connect(offer);
    expect(ok.body.toString()).not.toContain('telephone-event');
    await sleep(1_500);
    call.send('INFO', { type: 'application/dtmf-relay', text: 'Signal=1\r\nDuration=160\r\n' });
    await call.peer.response(200, 'INFO');
    const refer = await call.peer.request('REFER', 5_000);
    expect(refer.headers.get('Refer-To')).toContain('+14255550123');
    await call.bye();
    call.close();
    capture.close();
    const events = await sip.events(call.callId);
    expect(events.find((e) => e.type === 'digits.received')?.data).toMatchObject({ digit: '1' });
  });

  it('caller presses 4 → hears the greeting and the beep → speaks 1.2 s → presses # → the message is stored with the call, and Parley hangs up', async () => {
    const phone = await RtpSession.open({
      codec: 'PCMU',
      telephoneEventPayloadType: 101,
      bind: { address: '127.0.0.1' },
    });
    const call = await SbcCall.open(sip.sipPort);
    const ok = await call.connect(sbcOffer(phone.local.port));
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
    call.accept(await call.peer.request('BYE', 5_000));
    call.close();
    await phone.close();

    const events = await sip.events(call.callId);
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
    const sbc = await SbcCall.open(sip.sipPort);
    const { peer } = sbc;
    const headers = (method: string, callId: string) => sbc.headers(method, 1, callId);
    const invite = 'INVITE sip:+14255550100@127.0.0.1;user=phone SIP/2.0';
    // Garbage bytes and a start line that is no SIP: dropped (nothing to answer to).
    peer.sendRaw(Buffer.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0xff]));
    peer.sendRaw(Buffer.from('HELLO sbc.fabrikam.com\r\n\r\n'));
    peer.send([
      'INVITE sip:+14255550100@127.0.0.1 SIP/3.0',
      ...headers('INVITE', `v-${randomUUID()}`),
      'Content-Length: 0',
    ]);
    // No Call-ID: 400 naming it.
    peer.send([
      invite,
      ...headers('INVITE', 'x').filter((h) => !h.startsWith('Call-ID')),
      'Content-Length: 0',
    ]);
    const missing = await peer.response(400);
    expect(missing.reason).toMatch(/Call-ID/);
    // Content-Length beyond the datagram: 400.
    const short = `short-${randomUUID()}`;
    peer.send(
      [invite, ...headers('INVITE', short), 'Content-Type: application/sdp', 'Content-Length: 900'],
      sbcOffer(7000),
    );
    const truncated = await peer.response(400, 'INVITE');
    expect(truncated.reason).toMatch(/Content-Length/i);
    // 20 KB of headers: refused without being parsed further.
    const huge = `huge-${randomUUID()}`;
    peer.send([invite, ...headers('INVITE', huge), `X-Padding: ${'a'.repeat(20_000)}`, 'Content-Length: 0']);
    await sleep(300);
    const answeredHuge = peer.received.filter(
      (m) => m.kind === 'response' && m.headers.get('Call-ID') === huge,
    );
    expect(answeredHuge.every((m) => m.kind === 'response' && m.status >= 400)).toBe(true);

    // Still serving: an OPTIONS ping is answered.
    peer.send([
      `OPTIONS sip:127.0.0.1:${sip.sipPort} SIP/2.0`,
      ...headers('OPTIONS', `ping-${randomUUID()}`),
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
