import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RawPeer } from '@parley/sip/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSipConfig } from '../../src/adapters/sip';
import { pathOf } from '../runtime/harness';
import { runSipp, SipRuntime, sippAvailable } from './harness';

const sipp = sippAvailable();

function ping(peer: RawPeer, port: number) {
  const transport = peer.protocol.toUpperCase();
  peer.send([
    `OPTIONS sip:127.0.0.1:${port};transport=${peer.protocol} SIP/2.0`,
    `Via: SIP/2.0/${transport} 127.0.0.1:${peer.localPort};branch=z9hG4bK${randomUUID().slice(0, 8)}`,
    'Max-Forwards: 70',
    `From: <sip:sbc.fabrikam.com>;tag=${randomUUID().slice(0, 6)}`,
    'To: <sip:127.0.0.1>',
    `Call-ID: ${randomUUID()}`,
    'CSeq: 1 OPTIONS',
    `Contact: <sip:sbc.fabrikam.com:${peer.localPort};transport=${peer.protocol}>`,
    'Content-Length: 0',
  ]);
  return peer.response(200, 'OPTIONS');
}

describe('SIP over TCP and TLS', () => {
  const sip = new SipRuntime({ tcpPort: 0, tls: { port: 0 } });
  beforeAll(() => sip.start());
  afterAll(() => sip.stop());
  const adapter = () => {
    if (!sip.runtime.sip) throw new Error('no SIP adapter');
    return sip.runtime.sip;
  };

  it('an SBC pings over TCP and over TLS (generated certificate) → 200 on each', async () => {
    const tcp = await RawPeer.open('tcp', adapter().port('tcp'));
    await ping(tcp, adapter().port('tcp'));
    tcp.close();
    const tls = await RawPeer.open('tls', adapter().port('tls'), adapter().endpoint.certificate);
    await ping(tls, adapter().port('tls'));
    tls.close();
  });

  it.skipIf(!sipp)(
    'sipp calls over TCP → presses 1 → is transferred by REFER on the same connection',
    async () => {
      const callId = `sipp-tcp-${randomUUID()}`;
      const { code, output } = await runSipp(
        join(import.meta.dirname, 'refer-on-1.xml'),
        `127.0.0.1:${adapter().port('tcp')}`,
        callId,
        { extra: ['-t', 't1'] },
      );
      expect(code, output).toBe(0);
      expect(pathOf(await sip.events(callId))).toEqual(['start:next', 'welcome:done', 'mainMenu:1']);
    },
  );
});

describe('SIP settings from PARLEY_SIP_* variables', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-sip-env-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('defaults: UDP and TCP on 5060, TLS on 5061 with a self-signed pair made once and kept with the data', async () => {
    const first = await loadSipConfig({}, dir);
    expect(first).toMatchObject({ udpPort: 5060, tcpPort: 5060, tls: { port: 5061 } });
    const cert = first?.tls ? first.tls.cert : undefined;
    expect(cert).toContain('BEGIN CERTIFICATE');
    expect(readFileSync(join(dir, 'sip-tls', 'cert.pem'), 'utf8')).toBe(cert);
    const again = await loadSipConfig({}, dir);
    expect(again?.tls ? again.tls.cert : undefined).toBe(cert);
  });

  it('turns transports or SIP off, and names each bad variable', async () => {
    expect(await loadSipConfig({ PARLEY_SIP: 'off' }, dir)).toBeNull();
    expect(
      await loadSipConfig({ PARLEY_SIP_TCP_PORT: 'off', PARLEY_SIP_TLS_PORT: 'off' }, dir),
    ).toMatchObject({
      tcpPort: false,
      tls: false,
    });
    await expect(
      loadSipConfig({ PARLEY_SIP_UDP_PORT: '70000', PARLEY_SIP_RTP_PORTS: '30000-20000' }, dir),
    ).rejects.toThrow(/PARLEY_SIP_UDP_PORT[\s\S]*PARLEY_SIP_RTP_PORTS/);
    await expect(loadSipConfig({ PARLEY_SIP_TLS_CERT: '/nowhere/cert.pem' }, dir)).rejects.toThrow(
      /PARLEY_SIP_TLS_KEY/,
    );
  });
});
