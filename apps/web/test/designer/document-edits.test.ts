import { getNodeType } from '@parley/flow-schema';
import { describe, expect, it } from 'vitest';
import {
  addNode,
  connectOutcome,
  removeElements,
  setEndsCall,
  updateNode,
} from '../../src/features/designer/graph/document-edits';
import { example } from './fixtures';

const doc = example('contact-center');

describe('editing the document', () => {
  it('wiring an outcome that is already wired replaces its edge: one edge per outcome', () => {
    const before = doc.edges.filter((e) => e.source === 'mainMenu' && e.outcome === '1');
    expect(before).toHaveLength(1);
    const next = connectOutcome(doc, { source: 'mainMenu', outcome: '1', target: 'reception' });
    const after = next.edges.filter((e) => e.source === 'mainMenu' && e.outcome === '1');
    expect(after).toHaveLength(1);
    expect(after[0]!.target).toBe('reception');
    expect(next.edges).toHaveLength(doc.edges.length);
    expect(new Set(next.edges.map((e) => e.id)).size).toBe(next.edges.length);
  });

  it('wiring an outcome that ended the call stops ending it there', () => {
    const ended = setEndsCall(doc, 'mainMenu', 'invalid', true);
    expect(ended.edges.some((e) => e.source === 'mainMenu' && e.outcome === 'invalid')).toBe(false);
    expect(ended.nodes.find((n) => n.id === 'mainMenu')!.endCallOn).toEqual(['invalid']);
    const wired = connectOutcome(ended, { source: 'mainMenu', outcome: 'invalid', target: 'mainMenu' });
    expect(wired.nodes.find((n) => n.id === 'mainMenu')!.endCallOn).toEqual([]);
  });

  it('deleting a node takes its edges with it', () => {
    const next = removeElements(doc, ['mainMenu']);
    expect(next.nodes.some((n) => n.id === 'mainMenu')).toBe(false);
    expect(next.edges.some((e) => e.source === 'mainMenu' || e.target === 'mainMenu')).toBe(false);
  });

  it('deleting a selected edge disconnects just that outcome', () => {
    const next = removeElements(doc, [], ['e1']);
    expect(next.edges.map((e) => e.id)).not.toContain('e1');
    expect(next.edges).toHaveLength(doc.edges.length - 1);
  });

  it('a node added from the palette has its type defaults and a fresh id', () => {
    const { document: next, nodeId } = addNode(doc, 'menu', { x: 12.6, y: 40 });
    const node = next.nodes.find((n) => n.id === nodeId)!;
    expect(nodeId).toMatch(/^menu\d+$/);
    expect(doc.nodes.some((n) => n.id === nodeId)).toBe(false);
    expect(node.data).toEqual(getNodeType('menu')!.defaults());
    expect(node.position).toEqual({ x: 13, y: 40 });
    const again = addNode(next, 'menu', { x: 0, y: 0 });
    expect(again.nodeId).not.toBe(nodeId);
  });

  it('changing one node leaves the others (and the edges) as they were', () => {
    const next = updateNode(doc, 'hours', (n) => ({ ...n, label: 'Open?' }));
    expect(next.nodes.find((n) => n.id === 'hours')!.label).toBe('Open?');
    expect(next.nodes.filter((n, i) => n !== doc.nodes[i]).map((n) => n.id)).toEqual(['hours']);
    expect(next.edges).toBe(doc.edges);
  });
});

describe('placing a new node', () => {
  it('slides down past the nodes it would cover', async () => {
    const { freeSpot } = await import('../../src/features/designer/graph/free-spot');
    const size = { width: 220, height: 90 };
    const boxes = [
      { x: 0, y: 0, width: 220, height: 60 },
      { x: 0, y: 100, width: 220, height: 90 },
    ];
    const spot = freeSpot({ x: 10, y: 10 }, size, boxes);
    expect(spot.x).toBe(10);
    expect(spot.y).toBeGreaterThan(190);
    expect(freeSpot({ x: 600, y: 0 }, size, boxes)).toEqual({ x: 600, y: 0 });
  });
});
