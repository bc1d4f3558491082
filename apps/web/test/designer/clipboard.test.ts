import { validateFlow } from '@parley/flow-schema';
import { describe, expect, it } from 'vitest';
import { copyFragment, parseFragment, pasteFragment } from '../../src/features/designer/graph/clipboard';
import { example } from './fixtures';

const doc = example('contact-center');

describe('copy and paste', () => {
  it('pastes copies under new ids, moved by the offset, with the wires between them', () => {
    const fragment = copyFragment(doc, ['askAccount', 'lookup', 'isGold']);
    expect(fragment.edges.every((e) => ['askAccount', 'lookup', 'isGold'].includes(e.target))).toBe(true);
    const internal = fragment.edges.length;
    expect(internal).toBe(2); // askAccount → lookup, lookup → isGold

    const { document: next, nodeIds } = pasteFragment(doc, fragment, { x: 40, y: 40 });
    expect(nodeIds).toHaveLength(3);
    for (const id of nodeIds) expect(doc.nodes.some((n) => n.id === id)).toBe(false);
    expect(next.nodes).toHaveLength(doc.nodes.length + 3);
    const copy = next.nodes.find((n) => n.id === nodeIds[0])!;
    const original = doc.nodes.find((n) => n.id === 'askAccount')!;
    expect(copy.position).toEqual({ x: original.position.x + 40, y: original.position.y + 40 });
    expect(copy.data).toEqual(original.data);
    expect(copy.data).not.toBe(original.data);

    const pasted = next.edges.filter((e) => nodeIds.includes(e.source));
    expect(pasted).toHaveLength(internal);
    for (const e of pasted) expect(nodeIds).toContain(e.target);
    expect(new Set(next.edges.map((e) => e.id)).size).toBe(next.edges.length);
  });

  it('does not copy wires to nodes left behind, nor paste a second incoming-call node', () => {
    const fragment = copyFragment(doc, ['start', 'hours']);
    expect(fragment.edges.map((e) => `${e.source}.${e.outcome}`)).toEqual(['start.next']);
    const { document: next, nodeIds } = pasteFragment(doc, fragment, { x: 10, y: 10 });
    expect(nodeIds).toHaveLength(1);
    expect(next.nodes.filter((n) => n.type === 'start')).toHaveLength(1);
    expect(next.edges).toHaveLength(doc.edges.length);
    expect(validateFlow(next).some((p) => p.code === 'duplicate-node-id')).toBe(false);
  });

  it('reads a fragment back from clipboard text, and nothing from other text', () => {
    const fragment = copyFragment(doc, ['closed']);
    expect(parseFragment(JSON.stringify(fragment))).toEqual(fragment);
    expect(parseFragment('hello')).toBeNull();
    expect(parseFragment('{"nodes":[]}')).toBeNull();
  });
});
