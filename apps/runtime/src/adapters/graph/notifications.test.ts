import { describe, expect, it } from 'vitest';
import { decodePurpose, encodePurpose } from './client-context';
import { parseNotifications } from './notifications';

const batch = (resourceUrl: string, resourceData: unknown, changeType = 'updated') => ({
  '@odata.type': '#microsoft.graph.commsNotifications',
  value: [{ '@odata.type': '#microsoft.graph.commsNotification', changeType, resourceUrl, resourceData }],
});

describe('Graph notifications as documented', () => {
  it('call-delete.md writes resultInfo codes as strings; they read as numbers', () => {
    const [n] = parseNotifications(
      batch(
        '/communications/calls/57dab8b1-894c-409a-b240-bd8beae78896',
        {
          '@odata.type': '#microsoft.graph.call',
          state: 'terminated',
          resultInfo: { code: '200', subcode: '5001', message: 'The conversation has ended.' },
        },
        'deleted',
      ),
    );
    expect(n).toMatchObject({
      kind: 'call',
      changeType: 'deleted',
      call: { resultInfo: { code: 200, subcode: 5001 } },
    });
  });

  it('call-transfer.md spells subCode with a capital C on failures', () => {
    const [n] = parseNotifications(
      batch('/communications/calls/341a0500-d4bf-4224-8b19-1581168d328b', {
        '@odata.type': '#microsoft.graph.call',
        state: 'established',
        resultInfo: { code: 500, subCode: 7000, message: '<message>' },
      }),
    );
    expect(n).toMatchObject({ call: { resultInfo: { code: 500, subcode: 7000 } } });
  });

  it('an operation completion names its call, and participant rosters (arrays) pass as other', () => {
    const [op, roster] = parseNotifications({
      value: [
        batch(
          '/communications/calls/c1/operations/0FE0623FD62842EDB4BD8AC290072CC5',
          {
            '@odata.type': '#microsoft.graph.playPromptOperation',
            status: 'completed',
            clientContext: 'd45324c1-fcb5-430a-902c-f20af696537c',
          },
          'deleted',
        ).value[0],
        batch('/communications/calls/c1/participants', [{ '@odata.type': '#microsoft.graph.participant' }])
          .value[0],
      ],
    });
    expect(op).toMatchObject({ kind: 'operation', callId: 'c1', operation: { status: 'completed' } });
    expect(roster).toMatchObject({ kind: 'other', callId: 'c1' });
  });

  it('clientContext carries what an operation is for, within 256 characters', () => {
    for (const purpose of [
      { kind: 'play', id: 'a1' },
      { kind: 'hold', uri: '/prompts/uploaded/hold|music.wav' },
      { kind: 'greeting', userId: '66825e03-7ef5-42da-9069-724602c31f6b' },
      { kind: 'tone' },
      { kind: 'transfer', to: 'voicemail' },
    ] as const)
      expect(decodePurpose(encodePurpose(purpose))).toEqual(purpose);
    expect(decodePurpose('d45324c1-fcb5-430a-902c-f20af696537c')).toBeNull();
    expect(() => encodePurpose({ kind: 'hold', uri: `/${'x'.repeat(300)}` })).toThrow(RangeError);
  });
});
