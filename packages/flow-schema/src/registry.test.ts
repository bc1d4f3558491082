import { describe, expect, it } from 'vitest';
import { oneNodeFlow } from '../test/one-node';
import { reachableStateIds } from '../test/reachable';
import { compileFlow, nodeTypes, parseFlow } from './index';

const declared = [{ name: 'accountNumber' }, { name: 'tier' }];

describe('node-type registry', () => {
  it('holds every node type of the designer palette once', () => {
    expect(nodeTypes.map((t) => t.type)).toEqual([
      'start',
      'playPrompt',
      'menu',
      'collectDigits',
      'businessHours',
      'condition',
      'setVariable',
      'httpRequest',
      'queue',
      'transfer',
      'voicemail',
      'directory',
      'hangup',
    ]);
  });

  it.each(nodeTypes.map((t) => [t.type, t] as const))(
    '%s: defaults pass its schema and the editor has what it needs',
    (_name, type) => {
      // A new node may leave a tenant reference unchosen; the problem then says what to choose.
      const parsed = type.data.safeParse(type.defaults());
      expect(parsed.success || parsed.error.issues.every((i) => i.message.startsWith('choose'))).toBe(true);
      expect(type.meta.label).not.toBe('');
      expect(type.meta.help.length).toBeGreaterThan(20);
      expect(type.meta.icon).toMatch(/^[a-z0-9-]+$/);
      const outcomes = type
        .outcomes(type.data.parse({ ...(type.defaults() as object), queueId: 'q-1' }))
        .map((o) => o.name);
      expect(new Set(outcomes).size).toBe(outcomes.length);
    },
  );

  it.each(nodeTypes.filter((t) => t.type !== 'start').map((t) => [t.type, t] as const))(
    '%s with its defaults compiles into a machine XState accepts, every state reachable',
    (_name, type) => {
      const data = type.defaults() as Record<string, unknown>;
      if (type.type === 'queue') data.queueId = 'q-1';
      const parsed = parseFlow(oneNodeFlow(type.type, data, { variables: declared }));
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
      const result = compileFlow(parsed.document);
      if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 1));
      const reachable = reachableStateIds(result.compiled);
      for (const stateId of Object.values(result.compiled.stateIds)) expect(reachable).toContain(stateId);
    },
  );
});
