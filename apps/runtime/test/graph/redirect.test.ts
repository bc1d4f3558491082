import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ID, compile, ParleyUnderTest, TENANT_ID, TestCallHandler } from './harness';
import { GraphStandin } from './standin';

const at = { x: 0, y: 0 };
/** After hours, calls go straight to the on-call phone: nothing is played, so nothing is answered. */
const forwardOnly = compile({
  schemaVersion: 1,
  name: 'Forward to on-call',
  nodes: [
    { id: 'start', type: 'start', position: at, data: {} },
    {
      id: 'onCall',
      type: 'transfer',
      position: at,
      endCallOn: ['failed'],
      data: { target: { kind: 'phone', number: '+14255550123' } },
    },
  ],
  edges: [{ id: 'a', source: 'start', outcome: 'next', target: 'onCall' }],
});

describe('Graph adapter: forwarding a call that was never answered', () => {
  const standin = new GraphStandin({ appId: APP_ID, appSecret: 'standin-secret', tenantId: TENANT_ID });
  const handler = new TestCallHandler(forwardOnly);
  const parley = new ParleyUnderTest(standin, handler);

  beforeAll(async () => {
    await standin.start();
    await parley.start();
  });
  afterAll(async () => {
    await parley.stop();
    await standin.stop();
  });

  it('a flow that transfers before playing anything redirects the unanswered call (call-redirect.md) → handed off', async () => {
    const callId = randomUUID();
    await standin.ring(callId);
    const redirect = await standin.waitForRequest(`/communications/calls/${callId}/redirect`);
    expect(redirect.body).toEqual({
      targets: [
        {
          '@odata.type': '#microsoft.graph.invitationParticipantInfo',
          endpointType: 'default',
          identity: {
            '@odata.type': '#microsoft.graph.identitySet',
            phone: { '@odata.type': '#microsoft.graph.identity', id: '+14255550123' },
          },
        },
      ],
      callbackUri: `${parley.origin}/graph/callback`,
    });
    await expect(handler.sessions.get(callId)!.ended()).resolves.toBe('handoff');
    expect(standin.requestsTo(`/communications/calls/${callId}/answer`)).toEqual([]);
    expect(standin.requestsTo(`/communications/calls/${callId}/transfer`)).toEqual([]);
  });
});
