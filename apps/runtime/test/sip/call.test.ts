import { randomUUID } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathOf } from '../runtime/harness';
import { runSipp, SipRuntime, sippAvailable } from './harness';

const scenarios = import.meta.dirname;

describe('a Direct Routing call over SIP', () => {
  const sip = new SipRuntime();
  beforeAll(() => sip.start());
  afterAll(() => sip.stop());

  it('answers an SBC’s OPTIONS ping with 200', async () => {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const { port } = socket.address();
    const ping = [
      `OPTIONS sip:127.0.0.1:${sip.sipPort} SIP/2.0`,
      `Via: SIP/2.0/UDP 127.0.0.1:${port};branch=z9hG4bK${randomUUID().slice(0, 8)};rport`,
      'From: <sip:sbc.fabrikam.com>;tag=ping1',
      'To: <sip:127.0.0.1>',
      `Call-ID: ${randomUUID()}`,
      'CSeq: 1 OPTIONS',
      'Max-Forwards: 70',
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n');
    const reply = new Promise<string>((resolve) => socket.once('message', (m) => resolve(m.toString())));
    socket.send(ping, sip.sipPort, '127.0.0.1');
    const response = await reply;
    socket.close();
    expect(response.split('\r\n')[0]).toBe('SIP/2.0 200 OK');
  });

  it.skipIf(!sippAvailable())(
    'caller hears the welcome → presses 1 in the menu → is transferred to sales by REFER',
    async () => {
      const callId = `sipp-${randomUUID()}`;
      const { code, output } = await runSipp(
        join(scenarios, 'refer-on-1.xml'),
        `127.0.0.1:${sip.sipPort}`,
        callId,
      );
      expect(code, output).toBe(0);
      const events = await sip.events(callId);
      expect(pathOf(events)).toEqual(['start:next', 'welcome:done', 'mainMenu:1']);
      expect(events.map((e) => e.type)).toContain('transferred');
    },
  );
});
