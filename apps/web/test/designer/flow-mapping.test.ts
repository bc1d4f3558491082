import { describe, expect, it } from 'vitest';
import { moveNodes } from '../../src/features/designer/graph/document-edits';
import {
  NO_DECORATION,
  takenKey,
  toCanvasEdges,
  toCanvasNodes,
  wiredOutcomes,
} from '../../src/features/designer/graph/flow-mapping';
import { nodeView } from '../../src/features/designer/graph/node-view';
import { NO_REFERENCES } from '../../src/features/designer/references';
import { example } from './fixtures';

const doc = example('contact-center');
const views = new WeakMap();
const view = (node: (typeof doc.nodes)[number]) => {
  if (!views.has(node)) views.set(node, nodeView(node, NO_REFERENCES, wiredOutcomes(doc).get(node.id)));
  return views.get(node);
};
const plain = () => NO_DECORATION;

describe('document ↔ canvas', () => {
  it('draws one node per document node, at its position, with one handle per named outcome', () => {
    const nodes = toCanvasNodes(doc, view, plain);
    expect(nodes.map((n) => n.id)).toEqual(doc.nodes.map((n) => n.id));
    const menu = nodes.find((n) => n.id === 'mainMenu')!;
    expect(menu.position).toEqual({ x: 0, y: 240 });
    expect(menu.data.view.outcomes.map((o) => o.name)).toEqual(['1', '2', '3', 'noInput', 'invalid']);
    expect(menu.data.view.summary).toContain('For billing press 1');
  });

  it('gives the incoming-call node no target handle and keeps it from being deleted', () => {
    const start = toCanvasNodes(doc, view, plain).find((n) => n.id === 'start')!;
    expect(start.data.view.hasTarget).toBe(false);
    expect(start.deletable).toBe(false);
  });

  it('marks outcomes the admin ends the call on', () => {
    const ended = {
      ...doc,
      nodes: doc.nodes.map((n) => (n.id === 'mainMenu' ? { ...n, endCallOn: ['invalid'] } : n)),
    };
    const menu = toCanvasNodes(ended, (n) => nodeView(n, NO_REFERENCES), plain).find(
      (n) => n.id === 'mainMenu',
    )!;
    expect(menu.data.view.outcomes.find((o) => o.name === 'invalid')?.ends).toBe(true);
    expect(menu.data.view.outcomes.find((o) => o.name === '1')?.ends).toBe(false);
  });

  it('draws each edge from the handle named after its outcome', () => {
    const edges = toCanvasEdges(doc, new Set(['e1']), new Set([takenKey('start', 'next')]));
    expect(edges).toHaveLength(doc.edges.length);
    const first = edges.find((e) => e.id === 'e1')!;
    const source = doc.edges.find((e) => e.id === 'e1')!;
    expect(first).toMatchObject({
      source: source.source,
      sourceHandle: source.outcome,
      target: source.target,
    });
    expect(first.selected).toBe(true);
    expect(edges.find((e) => e.source === 'start')?.animated).toBe(true);
  });

  it('keeps unchanged node objects when one node moves, and the move reaches the document', () => {
    const before = toCanvasNodes(doc, view, plain);
    const moved = moveNodes(doc, [{ id: 'hours', position: { x: 10.4, y: 500 } }]);
    expect(moved.nodes.find((n) => n.id === 'hours')!.position).toEqual({ x: 10, y: 500 });
    const after = toCanvasNodes(moved, view, plain, new Set(), before);
    for (const [i, node] of after.entries()) {
      if (node.id === 'hours') expect(node).not.toBe(before[i]);
      else expect(node).toBe(before[i]);
    }
    expect(after.find((n) => n.id === 'hours')!.position).toEqual({ x: 10, y: 500 });
  });

  it('reflects selection and decorations on only the nodes they concern', () => {
    const before = toCanvasNodes(doc, view, plain);
    const after = toCanvasNodes(
      doc,
      view,
      (id) => (id === 'lookup' ? { problems: 2, highlight: 'changed', sim: null } : NO_DECORATION),
      new Set(['mainMenu']),
      before,
    );
    expect(after.find((n) => n.id === 'mainMenu')!.selected).toBe(true);
    expect(after.find((n) => n.id === 'lookup')!.data.decoration).toEqual({
      problems: 2,
      highlight: 'changed',
      sim: null,
    });
    expect(after.filter((n, i) => n !== before[i]).map((n) => n.id)).toEqual(['mainMenu', 'lookup']);
  });

  it('keeps a handle for an outcome a node lost while an edge still leaves by it', () => {
    const changed = {
      ...doc,
      nodes: doc.nodes.map((n) =>
        n.id === 'mainMenu'
          ? {
              ...n,
              data: {
                ...n.data,
                options: [
                  { key: '1', label: 'Billing' },
                  { key: '2', label: 'Support' },
                ],
              },
            }
          : n,
      ),
    };
    const menu = nodeView(
      changed.nodes.find((n) => n.id === 'mainMenu')!,
      NO_REFERENCES,
      wiredOutcomes(changed).get('mainMenu'),
    );
    expect(menu.outcomes.find((o) => o.name === '3')).toMatchObject({ stale: true });
  });
});
