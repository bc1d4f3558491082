import { describe, expect, it } from 'vitest';
import { simulate } from '../../../test/simulate';
import { type FlowDocumentInput, parseFlow, say, validateFlow } from '../../index';

const menuFlow = (menu: Record<string, unknown> = {}): FlowDocumentInput => ({
  schemaVersion: 1,
  name: 'Main menu',
  nodes: [
    { id: 'start', type: 'start', data: {} },
    {
      id: 'main',
      type: 'menu',
      data: {
        prompt: say('For sales press 1, for support press 2.'),
        options: [
          { key: '1', label: 'Sales' },
          { key: '2', label: 'Support' },
        ],
        invalidPrompt: say('That is not an option.'),
        ...menu,
      },
    },
    { id: 'sales', type: 'hangup', data: { reason: 'sales' } },
    { id: 'support', type: 'hangup', data: { reason: 'support' } },
    { id: 'operator', type: 'hangup', data: { reason: 'operator' } },
  ],
  edges: [
    { id: 'e0', source: 'start', outcome: 'next', target: 'main' },
    { id: 'e1', source: 'main', outcome: '1', target: 'sales' },
    { id: 'e2', source: 'main', outcome: '2', target: 'support' },
    { id: 'e3', source: 'main', outcome: 'invalid', target: 'operator' },
    { id: 'e4', source: 'main', outcome: 'noInput', target: 'operator' },
  ],
});

describe('menu', () => {
  it('caller presses 2 during the prompt → prompt stops → support', () => {
    const call = simulate(menuFlow());
    expect(call.node).toBe('main');
    expect(call.effectsOf('play')).toHaveLength(1);
    call.send({ type: 'DTMF', digit: '2' });
    expect(call.node).toBe('support');
    expect(call.effectsOf('stopPlayback')).toHaveLength(1);
    expect(call.path).toEqual([
      { nodeId: 'start', outcome: 'next' },
      { nodeId: 'main', outcome: '2' },
    ]);
  });

  it('three wrong keys → the invalid prompt twice → operator', () => {
    const call = simulate(menuFlow());
    call.send({ type: 'PROMPT_DONE' });
    for (let i = 0; i < 2; i++) {
      call.send({ type: 'DTMF', digit: '9' });
      expect(call.node).toBe('main');
      call.send({ type: 'PROMPT_DONE' }); // invalid prompt
      call.send({ type: 'PROMPT_DONE' }); // menu prompt again
    }
    call.send({ type: 'DTMF', digit: '9' });
    expect(call.node).toBe('operator');
    expect(call.path.at(-1)).toEqual({ nodeId: 'main', outcome: 'invalid' });
    const texts = call.effectsOf('play').map((e) => (e.params!.prompt as { text: string }).text);
    expect(texts.filter((t) => t.startsWith('That is not'))).toHaveLength(2);
  });

  it('silence after the prompt → menu replays after the timeout → noInput after retries', () => {
    const call = simulate(menuFlow({ timeoutSeconds: 4, retries: 1 }));
    call.send({ type: 'PROMPT_DONE' });
    call.advance(3999);
    expect(call.node).toBe('main');
    call.advance(1);
    call.send({ type: 'PROMPT_DONE' });
    call.advance(4000);
    expect(call.node).toBe('operator');
    expect(call.path.at(-1)).toEqual({ nodeId: 'main', outcome: 'noInput' });
  });

  it('without barge-in, keys during the prompt are ignored', () => {
    const call = simulate(menuFlow({ bargeIn: false }));
    call.send({ type: 'DTMF', digit: '1' });
    expect(call.node).toBe('main');
    call.send({ type: 'PROMPT_DONE' });
    call.send({ type: 'DTMF', digit: '1' });
    expect(call.node).toBe('sales');
  });

  it('reports a key used twice and a key that is not DTMF, naming the field', () => {
    const bad = parseFlow(menuFlow({ options: [{ key: '1' }, { key: '1' }] }));
    if (!bad.ok) throw new Error('parse');
    expect(validateFlow(bad.document)).toContainEqual(
      expect.objectContaining({ nodeId: 'main', field: 'options.1.key', code: 'invalid-value' }),
    );
    const notDtmf = parseFlow(menuFlow({ options: [{ key: 'A' }] }));
    if (!notDtmf.ok) throw new Error('parse');
    expect(validateFlow(notDtmf.document)).toContainEqual(
      expect.objectContaining({ nodeId: 'main', field: 'options.0.key', code: 'invalid-data' }),
    );
  });
});
