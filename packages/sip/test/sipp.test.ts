import { execFile, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialogEndReason } from '../src/dialog/dialog.js';
import { SipEndpoint } from '../src/endpoint/endpoint.js';

// sipp plays the SBC. Locally a missing sipp skips this file; under CI it must be installed, so it fails.
const hasSipp = spawnSync('sipp', ['-v']).error === undefined;
const ci = process.env.CI === 'true' || process.env.CI === '1';

describe.runIf(hasSipp || ci)('sipp as the SBC (built-in uac scenario)', () => {
  let endpoint: SipEndpoint;
  const ended: DialogEndReason[] = [];

  beforeAll(async () => {
    endpoint = await SipEndpoint.start({
      host: '127.0.0.1',
      bindAddress: '127.0.0.1',
      udp: { port: 0 },
      tcp: false,
      tls: false,
    });
    endpoint.on('invite', (call) => {
      call.ring();
      const answered = call.answer({ address: '127.0.0.1', port: 43000 });
      if (answered.ok) answered.dialog.on('terminated', (reason) => ended.push(reason));
    });
  });

  afterAll(() => endpoint.close());

  it('sipp calls → hears ringing → gets 200 with SDP → ACKs → hangs up; the call completes', async () => {
    expect(hasSipp, 'sipp is required under CI (apt-get install sip-tester)').toBe(true);
    const localPort = 20000 + Math.floor(Math.random() * 20000);
    const result = await new Promise<{ code: number; output: string }>((resolve) => {
      execFile(
        'sipp',
        [
          '-sn',
          'uac',
          `127.0.0.1:${endpoint.ports.udp}`,
          '-m',
          '1',
          '-i',
          '127.0.0.1',
          '-p',
          String(localPort),
          '-timeout',
          '15s',
          '-timeout_error',
          '-nostdin',
        ],
        { timeout: 20000 },
        (error, stdout, stderr) =>
          resolve({
            code: error ? Number((error as { code?: unknown }).code ?? 1) : 0,
            output: `${stdout}\n${stderr}`,
          }),
      );
    });
    expect(result.code, result.output.slice(-2000)).toBe(0);
    expect(ended).toEqual(['remote-bye']);
  }, 25000);
});
