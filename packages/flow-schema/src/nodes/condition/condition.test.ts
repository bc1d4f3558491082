import { describe, expect, it } from 'vitest';
import { oneNodeFlow, problemsOf } from '../../../test/one-node';
import { simulate } from '../../../test/simulate';

const tiers = (vars: { tier?: string; balance?: number } = {}) =>
  oneNodeFlow(
    'condition',
    {
      branches: [
        {
          id: 'gold',
          label: 'Gold',
          condition: { rules: [{ left: { var: 'tier' }, op: 'eq', right: { value: 'gold' } }] },
        },
        {
          id: 'owes',
          condition: {
            match: 'any',
            rules: [
              { left: { var: 'balance' }, op: 'gt', right: { value: 100 } },
              { left: { call: 'caller' }, op: 'startsWith', right: { value: '+44' } },
            ],
          },
        },
      ],
    },
    {
      variables: [
        { name: 'tier', type: 'string', default: vars.tier ?? '' },
        { name: 'balance', type: 'number', default: vars.balance ?? 0 },
      ],
    },
  );

describe('condition', () => {
  it('a gold caller takes the gold branch', () => {
    expect(simulate(tiers({ tier: 'gold', balance: 500 })).node).toBe('out_gold');
  });

  it('branches are checked in order: a silver caller who owes money takes owes', () => {
    expect(simulate(tiers({ tier: 'silver', balance: 250 })).node).toBe('out_owes');
  });

  it('any rule is enough for match "any": a UK caller takes owes', () => {
    expect(simulate(tiers(), { call: { caller: '+442071234567' } }).node).toBe('out_owes');
  });

  it('nothing holds → otherwise', () => {
    expect(simulate(tiers({ tier: 'silver', balance: 20 })).node).toBe('out_otherwise');
  });

  it('reports an undeclared variable, a duplicate branch id, a missing right side and the reserved name', () => {
    const doc = oneNodeFlow('condition', {
      branches: [
        { id: 'a', condition: { rules: [{ left: { var: 'ghost' }, op: 'isEmpty' }] } },
        { id: 'a', condition: { rules: [{ left: { call: 'caller' }, op: 'eq' }] } },
      ],
    });
    expect(problemsOf(doc)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          nodeId: 'node',
          field: 'branches.1.condition.rules.0.right',
          code: 'invalid-data',
        }),
      ]),
    );
    const fixed = oneNodeFlow('condition', {
      branches: [
        { id: 'a', condition: { rules: [{ left: { var: 'ghost' }, op: 'isEmpty' }] } },
        { id: 'a', condition: { rules: [{ left: { call: 'caller' }, op: 'isNotEmpty' }] } },
      ],
    });
    expect(problemsOf(fixed)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          nodeId: 'node',
          field: 'branches.0.condition.rules.0.left',
          code: 'undefined-variable',
        }),
        expect.objectContaining({ nodeId: 'node', field: 'branches.1.id', code: 'invalid-value' }),
      ]),
    );
    const reserved = oneNodeFlow('condition', {
      branches: [{ id: 'otherwise', condition: { rules: [{ left: { call: 'caller' }, op: 'isEmpty' }] } }],
    });
    expect(problemsOf(reserved)).toContainEqual(
      expect.objectContaining({ nodeId: 'node', field: 'branches.0.id', code: 'invalid-data' }),
    );
  });
});
