import { describe, expect, it } from 'vitest';
import { oneNodeFlow, problemsOf } from '../../../test/one-node';
import { simulate } from '../../../test/simulate';
import { say } from '../../prompt';

const account = (data: Record<string, unknown> = {}) =>
  oneNodeFlow(
    'collectDigits',
    {
      prompt: say('Enter your account number, then press pound.'),
      variable: 'account',
      minLength: 4,
      maxLength: 6,
      invalidPrompt: say('Too short.'),
      ...data,
    },
    { variables: [{ name: 'account', type: 'string' }] },
  );
const type = (call: ReturnType<typeof simulate>, keys: string) => {
  for (const digit of keys) call.send({ type: 'DTMF', digit });
};

describe('collect digits', () => {
  it('caller types 1234# → the account is 1234 (without the pound) → done', () => {
    const call = simulate(account());
    call.send({ type: 'PROMPT_DONE' });
    type(call, '1234#');
    expect(call.node).toBe('out_done');
    expect(call.vars.account).toBe('1234');
  });

  it('caller types during the prompt → the prompt stops and the keys count', () => {
    const call = simulate(account());
    type(call, '98');
    expect(call.effectsOf('stopPlayback').length).toBeGreaterThan(0);
    type(call, '7654');
    expect(call.node).toBe('out_done'); // six digits: the maximum ends input at once
    expect(call.vars.account).toBe('987654');
  });

  it('caller types four digits and pauses → input ends on the inter-digit timeout', () => {
    const call = simulate(account({ interDigitTimeoutSeconds: 2 }));
    call.send({ type: 'PROMPT_DONE' });
    type(call, '4321');
    call.advance(1999);
    expect(call.node).toBe('node');
    call.advance(1);
    expect(call.node).toBe('out_done');
    expect(call.vars.account).toBe('4321');
  });

  it('too few digits → "too short" → prompt again, digits cleared → invalid after the retries', () => {
    const call = simulate(account({ retries: 1 }));
    call.send({ type: 'PROMPT_DONE' });
    type(call, '12#');
    expect(call.node).toBe('node');
    call.send({ type: 'PROMPT_DONE' }); // too short
    call.send({ type: 'PROMPT_DONE' }); // the prompt again
    type(call, '3#');
    expect(call.node).toBe('out_invalid');
    expect(call.vars.account).toBeNull();
  });

  it('silence → prompt replays → noInput after the retries', () => {
    const call = simulate(account({ retries: 1, timeoutSeconds: 3 }));
    call.send({ type: 'PROMPT_DONE' });
    call.advance(3000);
    call.send({ type: 'PROMPT_DONE' });
    call.advance(3000);
    expect(call.node).toBe('out_noInput');
    expect(call.effectsOf('play')).toHaveLength(2);
  });

  it('without a terminator, # is a digit like any other', () => {
    const call = simulate(account({ terminator: null, minLength: 2, maxLength: 2 }));
    call.send({ type: 'PROMPT_DONE' });
    type(call, '1#');
    expect(call.vars.account).toBe('1#');
  });

  it('reports min above max and an undeclared variable', () => {
    const doc = oneNodeFlow('collectDigits', {
      prompt: say('PIN?'),
      variable: 'pin',
      minLength: 8,
      maxLength: 4,
    });
    expect(problemsOf(doc)).toContainEqual(
      expect.objectContaining({ nodeId: 'node', field: 'minLength', code: 'invalid-data' }),
    );
    const undeclared = oneNodeFlow('collectDigits', { prompt: say('PIN?'), variable: 'pin' });
    expect(problemsOf(undeclared)).toContainEqual(
      expect.objectContaining({ nodeId: 'node', field: 'variable', code: 'undefined-variable' }),
    );
  });
});
