import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dialog, DialogEndReason } from '../src/dialog/dialog.js';
import type { IncomingCall } from '../src/dialog/incoming-call.js';
import { SipEndpoint } from '../src/endpoint/endpoint.js';
import type { SipParseError } from '../src/errors.js';
import { tokensOf } from '../src/message/fields.js';
import { describeSession } from '../src/sdp/describe.js';
import { RawPeer, sbcOffer } from '../src/testing/raw-peer.js';
import type { TransportProtocol } from '../src/transport/transport.js';

let endpoint: SipEndpoint;
const rejected: SipParseError[] = [];

beforeAll(async () => {
  endpoint = await SipEndpoint.start({
    host: '127.0.0.1',
    bindAddress: '127.0.0.1',
    udp: { port: 0 },
    tcp: { port: 0 },
    tls: { port: 0 },
    timers: { t1: 50, t2: 400, t4: 500 },
  });
  endpoint.on('rejected', (error) => rejected.push(error));
});

afterAll(async () => {
  await endpoint.close();
});

let counter = 0;

/** The headers of a fresh out-of-dialog request from the raw peer. */
function headers(peer: RawPeer, method: string, callId: string, branch = `z9hG4bK${++counter}x`) {
  const transport = peer.protocol.toUpperCase();
  return [
    `Via: SIP/2.0/${transport} 127.0.0.1:${peer.localPort};branch=${branch};rport`,
    'Max-Forwards: 70',
    `From: "Caller" <sip:+17168712781@127.0.0.1;user=phone>;tag=sbc${counter}`,
    'To: <sip:+18338006777@127.0.0.1;user=phone>',
    `Call-ID: ${callId}`,
    `CSeq: 1 ${method}`,
    `Contact: <sip:+17168712781@127.0.0.1:${peer.localPort};transport=${peer.protocol}>`,
  ];
}

function portOf(protocol: TransportProtocol): number {
  return endpoint.ports[protocol] ?? 0;
}

function nextCall(): Promise<IncomingCall> {
  return new Promise((resolve) => endpoint.once('invite', resolve));
}

describe.each(['udp', 'tcp', 'tls'] as const)('a caller over %s', (protocol) => {
  it('rings → is answered with G.711 SDP → ACKs → hangs up with BYE', async () => {
    const peer = await RawPeer.open(protocol, portOf(protocol), endpoint.certificate);
    const callId = `call-${protocol}-${Date.now()}`;
    const incoming = nextCall();
    const invite = headers(peer, 'INVITE', callId);
    peer.send(
      [
        `INVITE sip:+18338006777@127.0.0.1;user=phone SIP/2.0`,
        ...invite,
        'Content-Type: application/sdp',
        'Content-Length: {{length}}',
      ],
      sbcOffer(),
    );
    await peer.response(100, 'INVITE');
    const call = await incoming;
    expect(call.called).toBe('+18338006777');
    expect(call.caller).toBe('+17168712781');
    call.ring();
    const ringing = await peer.response(180, 'INVITE');
    expect(ringing.headers.get('To')).toContain(`tag=${call.toTag}`);
    const answered = call.answer({ address: '127.0.0.1', port: 40000 });
    if (!answered.ok) throw new Error(answered.reason);
    const dialog = answered.dialog;
    const ok = await peer.response(200, 'INVITE');
    const answer = describeSession(ok.body.toString());
    expect(answer.audio).toMatchObject({ port: 40000, ptime: 20, telephoneEvent: { payload: 101 } });
    expect(answer.audio?.codecs[0]?.name).toBe('PCMU');
    expect(ok.headers.get('Contact')).toContain(`transport=${protocol}`);
    expect(tokensOf(ok, 'Allow')).toContain('refer');

    const acked = new Promise((resolve) => dialog.once('ack', resolve));
    const to = ok.headers.get('To') ?? '';
    const inDialog = (method: string, seq: number) => [
      `Via: SIP/2.0/${protocol.toUpperCase()} 127.0.0.1:${peer.localPort};branch=z9hG4bK${++counter}d;rport`,
      'Max-Forwards: 70',
      invite[2] ?? '',
      `To: ${to}`,
      `Call-ID: ${callId}`,
      `CSeq: ${seq} ${method}`,
      'Content-Length: 0',
    ];
    peer.send([
      `ACK sip:127.0.0.1:${portOf(protocol)} SIP/2.0`,
      ...inDialog('ACK', 1).map((h) => h.replace('2 ACK', '1 ACK')),
    ]);
    await acked;

    const ended = new Promise<DialogEndReason>((resolve) => dialog.once('terminated', resolve));
    peer.send([`BYE sip:127.0.0.1:${portOf(protocol)} SIP/2.0`, ...inDialog('BYE', 2)]);
    await peer.response(200, 'BYE');
    expect(await ended).toBe('remote-bye');
    expect(dialog.state).toBe('terminated');
    peer.close();
  });
});

describe('the endpoint as a Direct Routing peer', () => {
  it('answers an OPTIONS keep-alive with 200, Allow, Accept, Supported and Contact', async () => {
    const peer = await RawPeer.open('udp', portOf('udp'));
    peer.send([
      `OPTIONS sip:127.0.0.1:${portOf('udp')} SIP/2.0`,
      ...headers(peer, 'OPTIONS', 'ping-1'),
      'Content-Length: 0',
    ]);
    const ok = await peer.response(200, 'OPTIONS');
    expect([...tokensOf(ok, 'Allow')]).toEqual(expect.arrayContaining(['invite', 'refer', 'options']));
    expect(ok.headers.get('Accept')).toContain('application/sdp');
    expect(ok.headers.get('Supported')).toBe('timer');
    expect(ok.headers.get('Contact')).toContain('127.0.0.1');
    expect(ok.headers.get('Via')).toContain(`rport=${peer.localPort}`);
    peer.close();
  });

  it('lets a caller CANCEL before the answer: 200 to the CANCEL, 487 to the INVITE', async () => {
    const peer = await RawPeer.open('udp', portOf('udp'));
    const incoming = nextCall();
    const invite = headers(peer, 'INVITE', 'cancel-1', 'z9hG4bKcancelme');
    peer.send(
      [
        `INVITE sip:+18338006777@127.0.0.1 SIP/2.0`,
        ...invite,
        'Content-Type: application/sdp',
        'Content-Length: {{length}}',
      ],
      sbcOffer(),
    );
    const call = await incoming;
    const cancelled = new Promise<void>((resolve) => call.once('cancel', resolve));
    call.ring();
    await peer.response(180);
    peer.send([
      'CANCEL sip:+18338006777@127.0.0.1 SIP/2.0',
      ...invite.filter((h) => !h.startsWith('CSeq') && !h.startsWith('Contact')),
      'CSeq: 1 CANCEL',
      'Content-Length: 0',
    ]);
    await peer.response(200, 'CANCEL');
    const terminated = await peer.response(487, 'INVITE');
    await cancelled;
    expect(call.state).toBe('cancelled');
    expect(() => call.accept()).toThrow(/cancelled/);
    peer.send([
      'ACK sip:+18338006777@127.0.0.1 SIP/2.0',
      invite[0] ?? '',
      invite[2] ?? '',
      `To: ${terminated.headers.get('To')}`,
      'Call-ID: cancel-1',
      'CSeq: 1 ACK',
      'Content-Length: 0',
    ]);
    peer.close();
  });

  it('refuses an offer without G.711 with 488', async () => {
    const peer = await RawPeer.open('udp', portOf('udp'));
    endpoint.once('invite', (call) => call.answer({ address: '127.0.0.1', port: 40002 }));
    const g729 = sbcOffer().replace('RTP/AVP 0 8 101', 'RTP/AVP 18 101');
    peer.send(
      [
        'INVITE sip:+18338006777@127.0.0.1 SIP/2.0',
        ...headers(peer, 'INVITE', 'g729-1'),
        'Content-Type: application/sdp',
        'Content-Length: {{length}}',
      ],
      g729,
    );
    const refused = await peer.response(488, 'INVITE');
    expect(refused.headers.get('Warning')).toContain('no G.711');
    peer.close();
  });

  it('survives garbage and answers a malformed request with 400 naming the problem', async () => {
    const peer = await RawPeer.open('udp', portOf('udp'));
    const before = rejected.length;
    peer.sendRaw(Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0xff, 0xfe]));
    peer.send([
      `OPTIONS sip:127.0.0.1 SIP/2.0`,
      ...headers(peer, 'OPTIONS', 'unused').filter((h) => !h.startsWith('Call-ID')),
      'Content-Length: 0',
    ]);
    const bad = await peer.response(400);
    expect(bad.reason).toBe('Missing Call-ID header');
    peer.send([
      `OPTIONS sip:127.0.0.1 SIP/2.0`,
      ...headers(peer, 'OPTIONS', 'after-garbage'),
      'Content-Length: 0',
    ]);
    await peer.response(200, 'OPTIONS');
    expect(rejected.slice(before).map((e) => e.reason)).toEqual(['garbage', 'missing-header']);
    peer.close();
  });

  it('answers in-dialog requests for an unknown dialog with 481', async () => {
    const peer = await RawPeer.open('udp', portOf('udp'));
    peer.send([
      `BYE sip:127.0.0.1 SIP/2.0`,
      ...headers(peer, 'BYE', 'nobody').map((h) => (h.startsWith('To:') ? `${h};tag=gone` : h)),
      'Content-Length: 0',
    ]);
    await peer.response(481, 'BYE');
    peer.close();
  });
});

describe('an agent leg placed by the endpoint (B2BUA side)', () => {
  let agentPhone: SipEndpoint;
  beforeAll(async () => {
    agentPhone = await SipEndpoint.start({
      host: '127.0.0.1',
      bindAddress: '127.0.0.1',
      udp: { port: 0 },
      tcp: false,
      tls: false,
      timers: { t1: 50, t2: 400, t4: 500 },
    });
  });
  afterAll(() => agentPhone.close());

  it('rings the agent → agent answers → hold and resume by re-INVITE → INFO → REFER with NOTIFY progress → BYE', async () => {
    let agentDialog: Dialog | undefined;
    agentPhone.once('invite', (call) => {
      call.ring();
      const answered = call.answer({ address: '127.0.0.1', port: 41000, codecs: ['PCMA'] });
      if (answered.ok) agentDialog = answered.dialog;
    });
    const outgoing = endpoint.invite({
      uri: `sip:agent@127.0.0.1:${agentPhone.ports.udp}`,
      from: '<sip:queue@127.0.0.1>',
      media: { address: '127.0.0.1', port: 42000 },
    });
    const progress: number[] = [];
    outgoing.on('progress', (r) => progress.push(r.status));
    const { dialog, negotiated } = await outgoing.answered;
    expect(progress).toContain(180);
    expect(negotiated?.codec.name).toBe('PCMA');
    expect(negotiated?.remote.port).toBe(41000);
    const agent = agentDialog;
    if (!agent) throw new Error('the agent did not answer');
    await new Promise((resolve) => agent.once('ack', resolve));

    // Hold: we offer sendonly, the agent's dialog answers recvonly by itself and tells its media layer.
    const agentMedia = new Promise<string>((resolve) => agent.once('media', (m) => resolve(m.direction)));
    if (dialog.media) dialog.media.direction = 'sendonly';
    const held = await dialog.reoffer();
    expect(held?.remote.direction).toBe('recvonly');
    expect(await agentMedia).toBe('recvonly');
    if (dialog.media) dialog.media.direction = 'sendrecv';
    expect((await dialog.reoffer())?.remote.direction).toBe('sendrecv');

    const info = new Promise<string>((resolve) => agent.once('info', (r) => resolve(r.body.toString())));
    const infoResponse = await dialog.info({
      contentType: 'application/dtmf-relay',
      content: 'Signal=5\r\nDuration=160\r\n',
    });
    expect(infoResponse.status).toBe(200);
    expect(await info).toContain('Signal=5');

    agent.once('refer', (refer) => {
      expect(refer.referredBy?.uri).toMatchObject({ user: 'queue' });
      const subscription = refer.accept();
      subscription.notify(100, 'Trying').then(() => subscription.notify(200, 'OK'));
    });
    const referral = await dialog.refer('<sip:+14255550100@127.0.0.1;user=phone>', {
      referredBy: '<sip:queue@127.0.0.1>',
    });
    const seen: number[] = [];
    referral.on('progress', (status) => seen.push(status));
    expect(await referral.outcome).toBe(200);
    expect(seen).toEqual([100, 200]);

    const agentEnded = new Promise((resolve) => agent.once('terminated', resolve));
    await dialog.bye();
    expect(await agentEnded).toBe('remote-bye');
  });

  it('cancels a ringing agent: the INVITE ends 487', async () => {
    agentPhone.once('invite', (call) => call.ring());
    const outgoing = endpoint.invite({
      uri: `sip:agent@127.0.0.1:${agentPhone.ports.udp}`,
      from: '<sip:queue@127.0.0.1>',
      media: { address: '127.0.0.1', port: 42002 },
    });
    outgoing.once('progress', () => outgoing.cancel());
    await expect(outgoing.answered).rejects.toMatchObject({ status: 487 });
  });
});
