import { describe, expect, it } from 'vitest';
import { oneNodeFlow, problemsOf } from '../../../test/one-node';
import { simulate } from '../../../test/simulate';

const variables = [
  { name: 'greeting', type: 'string' as const },
  { name: 'count', type: 'number' as const, default: 1 },
  { name: 'vip', type: 'boolean' as const },
];

describe('set variable', () => {
  it('sets text from call data, numbers as numbers and yes/no as booleans, in order', () => {
    const call = simulate(
      oneNodeFlow(
        'setVariable',
        {
          assignments: [
            { variable: 'greeting', value: 'Hello {{call.caller}}' },
            { variable: 'count', value: '{{count}}1' },
            { variable: 'vip', value: 'yes' },
          ],
        },
        { variables },
      ),
    );
    expect(call.node).toBe('out_next');
    expect(call.vars).toEqual({ greeting: 'Hello +14255550100', count: 11, vip: true });
  });

  it('text that is not a number leaves a number variable empty rather than wrong', () => {
    const call = simulate(
      oneNodeFlow('setVariable', { assignments: [{ variable: 'count', value: 'many' }] }, { variables }),
    );
    expect(call.vars.count).toBeNull();
  });

  it('reports writing an undeclared variable and reading one in a placeholder', () => {
    const doc = oneNodeFlow(
      'setVariable',
      { assignments: [{ variable: 'nope', value: '{{also}}' }] },
      { variables },
    );
    expect(problemsOf(doc)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          nodeId: 'node',
          field: 'assignments.0.variable',
          code: 'undefined-variable',
        }),
        expect.objectContaining({ nodeId: 'node', field: 'assignments.0.value', code: 'undefined-variable' }),
      ]),
    );
  });
});
