import { describe, expect, it } from 'vitest';
import { oneNodeFlow, problemsOf } from '../../../test/one-node';
import { simulate } from '../../../test/simulate';
import { say } from '../../prompt';

describe('voicemail', () => {
  it('after hours the caller leaves a message in the shared mailbox, with the greeting and length limit', () => {
    const call = simulate(
      oneNodeFlow('voicemail', {
        mailbox: { kind: 'shared', address: 'support@contoso.com' },
        greeting: say('Leave a message after the tone.'),
        maxLengthSeconds: 60,
      }),
    );
    expect(call.effectsOf('voicemail')).toEqual([
      {
        type: 'voicemail',
        params: {
          mailbox: { kind: 'shared', address: 'support@contoso.com' },
          greeting: say('Leave a message after the tone.'),
          maxLengthSeconds: 60,
        },
      },
    ]);
    call.send({ type: 'HANDED_OFF' });
    expect(call.node).toBe('$handedOff');
  });

  it('a mailbox that cannot take the message → failed', () => {
    const call = simulate(
      oneNodeFlow('voicemail', { mailbox: { kind: 'user', user: { upn: 'bob@contoso.com' } } }),
    );
    call.send({ type: 'VOICEMAIL_FAILED', reason: 'mailbox full' });
    expect(call.node).toBe('out_failed');
  });

  it('names a bad mailbox address and a recording limit out of range', () => {
    expect(
      problemsOf(
        oneNodeFlow('voicemail', { mailbox: { kind: 'shared', address: 'support' }, maxLengthSeconds: 5000 }),
      ),
    ).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ nodeId: 'node', field: 'mailbox.address', code: 'invalid-data' }),
        expect.objectContaining({ nodeId: 'node', field: 'maxLengthSeconds', code: 'invalid-data' }),
      ]),
    );
  });
});
