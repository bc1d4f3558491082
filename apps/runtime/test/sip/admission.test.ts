import { randomUUID } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { bindAddress, createFlow, createSipTrunk, createTenant, createUser, publishFlow } from '@parley/db';
import type { FlowDocumentInput } from '@parley/flow-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SipRuntime } from './harness';

const TAILSPIN_LINE = '+14255550200';

/** Answers, says one thing, hangs up. */
const greeting: FlowDocumentInput = {
  schemaVersion: 1,
  name: 'Tailspin greeting',
  settings: { timezone: 'UTC', language: 'en-US' },
  nodes: [
    { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} },
    {
      id: 'hello',
      type: 'playPrompt',
      position: { x: 0, y: 0 },
      data: { prompt: { kind: 'tts', text: 'Hello.' } },
    },
    { id: 'bye', type: 'hangup', position: { x: 0, y: 0 }, data: { reason: 'completed' } },
  ],
  edges: [
    { id: 'a', source: 'start', outcome: 'next', target: 'hello' },
    { id: 'b', source: 'hello', outcome: 'done', target: 'bye' },
  ],
};

/** A bare SBC socket on a chosen loopback address: sends one INVITE and returns the first final status. */
async function invite(opts: {
  from: string;
  contactHost: string;
  to: string;
  port: number;
}): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, opts.from, resolve));
  const local = socket.address().port;
  const sdp = [
    'v=0',
    `o=sbc 1 1 IN IP4 ${opts.from}`,
    's=-',
    `c=IN IP4 ${opts.from}`,
    't=0 0',
    'm=audio 7078 RTP/AVP 0',
    'a=rtpmap:0 PCMU/8000',
    '',
  ].join('\r\n');
  const message = [
    `INVITE sip:${opts.to}@127.0.0.1:${opts.port};user=phone SIP/2.0`,
    `Via: SIP/2.0/UDP ${opts.contactHost}:${local};branch=z9hG4bK${randomUUID().slice(0, 8)};rport`,
    'Max-Forwards: 70',
    `From: <sip:+12065550199@${opts.contactHost};user=phone>;tag=${randomUUID().slice(0, 6)}`,
    `To: <sip:${opts.to}@127.0.0.1;user=phone>`,
    `Call-ID: ${randomUUID()}`,
    'CSeq: 1 INVITE',
    `Contact: <sip:+12065550199@${opts.contactHost}:${local};transport=udp>`,
    'Content-Type: application/sdp',
    `Content-Length: ${Buffer.byteLength(sdp)}`,
    '',
    sdp,
  ].join('\r\n');
  const final = new Promise<number>((resolve) =>
    socket.on('message', (data) => {
      const status = Number(/^SIP\/2\.0 (\d{3})/.exec(data.toString())?.[1]);
      if (status >= 200) resolve(status);
    }),
  );
  socket.send(message, opts.port, '127.0.0.1');
  const status = await Promise.race([final, new Promise<number>((r) => setTimeout(() => r(0), 5_000))]);
  socket.close();
  return status;
}

describe('multi-tenant trunking: one SBC, several customers', () => {
  const sip = new SipRuntime();
  beforeAll(async () => {
    await sip.start();
    // A second customer on the same carrier SBC, known by its subdomain only.
    const { db } = sip.database;
    const tailspin = await createTenant(db, { slug: `tailspin-${Date.now()}`, name: 'Tailspin' });
    const admin = await createUser(db, { email: `admin-${tailspin.id}@tailspin.com`, name: 'Admin' });
    const flow = await createFlow(db, tailspin.id, { name: 'Greeting', document: greeting }, admin.id);
    await publishFlow(db, tailspin.id, flow.id, { actorId: admin.id });
    await bindAddress(db, tailspin.id, { kind: 'e164', address: TAILSPIN_LINE, flowId: flow.id }, admin.id);
    await createSipTrunk(
      db,
      tailspin.id,
      { name: 'Carrier SBC', fqdn: 'tailspin.sbc.contoso.com', addresses: [] },
      admin.id,
    );
  });
  afterAll(() => sip.stop());

  it('an INVITE from an address no trunk lists → 403, and nothing is stored', async () => {
    const status = await invite({
      from: '127.0.0.2',
      contactHost: '127.0.0.2',
      to: '+14255550100',
      port: sip.sipPort,
    });
    expect(status).toBe(403);
    expect(sip.runtime.sip?.activeCalls).toBe(0);
  });

  it('the SBC names the customer in Contact (tailspin.sbc.contoso.com) → that customer’s number is answered', async () => {
    const status = await invite({
      from: '127.0.0.2',
      contactHost: 'tailspin.sbc.contoso.com',
      to: TAILSPIN_LINE,
      port: sip.sipPort,
    });
    expect(status).toBe(200);
  });

  it('a number bound in another tenant than the trunk’s → 404', async () => {
    const status = await invite({
      from: '127.0.0.1',
      contactHost: '127.0.0.1',
      to: TAILSPIN_LINE,
      port: sip.sipPort,
    });
    expect(status).toBe(404);
  });
});

describe('a runtime that runs late', () => {
  const sip = new SipRuntime({ maxEventLoopLagMs: 400 });
  beforeAll(() => sip.start());
  afterAll(() => sip.stop());

  it('the event loop stalls a second → the next INVITE gets 503 with Retry-After; once it keeps time again, calls are taken', async () => {
    const stalled = performance.now();
    while (performance.now() - stalled < 1_000) {
      // Busy: what a flood of calls does to the loop that paces every prompt.
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(
      await invite({ from: '127.0.0.1', contactHost: '127.0.0.1', to: '+14255550100', port: sip.sipPort }),
    ).toBe(503);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(
      await invite({ from: '127.0.0.1', contactHost: '127.0.0.1', to: '+14255550100', port: sip.sipPort }),
    ).toBe(200);
  });
});
