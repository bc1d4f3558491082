import { describe, expect, it } from 'vitest';
import { autoLayout } from '../../src/features/designer/graph/auto-layout';
import { addNode } from '../../src/features/designer/graph/document-edits';
import { example } from './fixtures';

describe('auto layout', () => {
  it('gives every node a position, top-down from the incoming call', async () => {
    const { document: doc } = addNode(example('contact-center'), 'hangup', { x: 0, y: 0 }); // one unwired
    const positions = await autoLayout(doc);
    expect([...positions.keys()].sort()).toEqual(doc.nodes.map((n) => n.id).sort());
    for (const p of positions.values()) expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
    expect(positions.get('start')!.y).toBeLessThan(positions.get('hours')!.y);
    expect(positions.get('hours')!.y).toBeLessThan(positions.get('mainMenu')!.y);
    const spots = new Set([...positions.values()].map((p) => `${p.x},${p.y}`));
    expect(spots.size).toBe(doc.nodes.length);
  });

  it('uses measured sizes when the canvas has them', async () => {
    const doc = example('simple-menu');
    const sizes = new Map(doc.nodes.map((n) => [n.id, { width: 400, height: 200 }]));
    const positions = await autoLayout(doc, sizes);
    const ys = [...new Set([...positions.values()].map((p) => p.y))].sort((a, b) => a - b);
    for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(200);
  });
});
