import { describe, expect, it } from 'vitest';
import { oneNodeFlow, problemsOf } from '../../../test/one-node';
import { simulate } from '../../../test/simulate';
import { say } from '../../prompt';
import { keypadDigits, matchDirectory } from './index';

const people = [
  {
    name: 'Alice Ng',
    extension: '101',
    target: { kind: 'teamsUser' as const, user: { upn: 'alice@contoso.com' } },
  },
  {
    name: 'Bob Smith',
    extension: '102',
    target: { kind: 'teamsUser' as const, user: { upn: 'bob@contoso.com' } },
  },
  { name: 'Bo Smits', extension: '2001', target: { kind: 'phone' as const, number: '+14255550123' } },
];
const directory = (data: Record<string, unknown> = {}) =>
  oneNodeFlow('directory', {
    entries: people,
    prompt: say('Enter the extension.'),
    noMatchPrompt: say('No one has that extension.'),
    retries: 1,
    ...data,
  });
const type = (call: ReturnType<typeof simulate>, keys: string) => {
  for (const digit of keys) call.send({ type: 'DTMF', digit });
};

describe('directory', () => {
  it('the caller types 102# → the lookup runs on the typed digits', () => {
    const call = simulate(directory());
    call.send({ type: 'PROMPT_DONE' });
    type(call, '102#');
    expect(call.effectsOf('directoryLookup')).toHaveLength(1);
    call.send({ type: 'HANDED_OFF' });
    expect(call.node).toBe('$handedOff');
  });

  it('the longest extension typed in full looks up without waiting for #', () => {
    const call = simulate(directory());
    call.send({ type: 'PROMPT_DONE' });
    type(call, '200');
    expect(call.effectsOf('directoryLookup')).toHaveLength(0);
    type(call, '1');
    expect(call.effectsOf('directoryLookup')).toHaveLength(1);
  });

  it('no match → "no one has that" → the prompt again → noMatch after the retries', () => {
    const call = simulate(directory());
    call.send({ type: 'PROMPT_DONE' });
    type(call, '999#');
    call.send({ type: 'DIRECTORY_NO_MATCH' });
    call.send({ type: 'PROMPT_DONE' }); // no match prompt
    call.send({ type: 'PROMPT_DONE' }); // the prompt again
    type(call, '998#');
    call.send({ type: 'DIRECTORY_NO_MATCH' });
    expect(call.node).toBe('out_noMatch');
  });

  it('silence → noInput after the retries; a failed transfer → failed', () => {
    const quiet = simulate(directory({ retries: 0, timeoutSeconds: 2 }));
    quiet.send({ type: 'PROMPT_DONE' });
    quiet.advance(2000);
    expect(quiet.node).toBe('out_noInput');
    const busy = simulate(directory());
    busy.send({ type: 'PROMPT_DONE' });
    type(busy, '101#');
    busy.send({ type: 'TRANSFER_FAILED', reason: 'busy' });
    expect(busy.node).toBe('out_failed');
  });

  it('matches an extension exactly, and a name by the keypad digits of a first or last name', () => {
    expect(keypadDigits('Smith')).toBe('76484');
    expect(matchDirectory(people, 'extension', '101').map((p) => p.name)).toEqual(['Alice Ng']);
    expect(matchDirectory(people, 'extension', '10')).toEqual([]);
    expect(matchDirectory(people, 'name', '764').map((p) => p.name)).toEqual(['Bob Smith', 'Bo Smits']);
    expect(matchDirectory(people, 'name', '76484').map((p) => p.name)).toEqual(['Bob Smith']);
    expect(matchDirectory(people, 'name', '64').map((p) => p.name)).toEqual(['Alice Ng']);
    expect(matchDirectory(people, 'name', '')).toEqual([]);
  });

  it('reports an extension used twice and one that is not digits', () => {
    const problems = problemsOf(directory({ entries: [people[0], { ...people[1], extension: '101' }] }));
    expect(problems).toContainEqual(
      expect.objectContaining({ nodeId: 'node', field: 'entries.1.extension', code: 'invalid-value' }),
    );
    expect(problemsOf(directory({ entries: [{ ...people[0], extension: '1a' }] }))).toContainEqual(
      expect.objectContaining({ nodeId: 'node', field: 'entries.0.extension', code: 'invalid-data' }),
    );
  });
});
