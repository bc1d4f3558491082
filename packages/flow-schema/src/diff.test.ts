import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffFlows, type FlowDocument, isEmptyDiff, parseFlow } from './index';

function example(name: string): FlowDocument {
  const parsed = parseFlow(JSON.parse(readFileSync(new URL(`../examples/${name}`, import.meta.url), 'utf8')));
  if (!parsed.ok) throw new Error(`example ${name} does not parse`);
  return parsed.document;
}

/** A deep copy to edit, so each story starts from the published menu. */
const edit = (doc: FlowDocument): FlowDocument => structuredClone(doc);
const node = (doc: FlowDocument, id: string) => doc.nodes.find((n) => n.id === id)!;

describe('diffing two versions of a flow', () => {
  const v1 = example('simple-menu.json');

  it('finds nothing when an admin only tidied the canvas', () => {
    const v2 = edit(v1);
    for (const n of v2.nodes) n.position = { x: n.position.x + 40, y: n.position.y - 10 };
    v2.edges = v2.edges.map((e, i) => ({ ...e, id: `renamed-${i}` }));
    v2.nodes.reverse();
    const diff = diffFlows(v1, v2);
    expect(isEmptyDiff(diff)).toBe(true);
  });

  it('reports a relabeled node apart from behavior changes', () => {
    const v2 = edit(v1);
    node(v2, 'mainMenu').label = 'Main menu';
    const diff = diffFlows(v1, v2);
    expect(diff.changed).toEqual([]);
    expect(diff.relabeled).toEqual([{ nodeId: 'mainMenu', from: null, to: 'Main menu' }]);
  });

  it('names the fields of a reworded prompt and a new menu option', () => {
    const v2 = edit(v1);
    (node(v2, 'welcome').data as { prompt: { text: string } }).prompt.text = 'Welcome to Fabrikam.';
    const menu = node(v2, 'mainMenu').data as { options: unknown[] };
    menu.options.push({ key: '3', label: 'Billing' });
    const diff = diffFlows(v1, v2);
    expect(diff.changed).toEqual([
      { nodeId: 'welcome', fields: ['data.prompt.text'] },
      { nodeId: 'mainMenu', fields: ['data.options'] },
    ]);
  });

  it('treats a field left to its default like the same field written out', () => {
    const v2 = edit(v1);
    node(v2, 'end').data = { reason: 'completed' }; // hangup's default reason
    expect(isEmptyDiff(diffFlows(v1, v2))).toBe(true);
  });

  it('lists added and removed nodes, and a re-pointed outcome as one edge out and one in', () => {
    const v2 = edit(v1);
    v2.nodes = v2.nodes.filter((n) => n.id !== 'sales');
    v2.nodes.push({
      id: 'salesQueue',
      type: 'hangup',
      position: { x: 0, y: 0 },
      endCallOn: [],
      data: { reason: 'sales queue' },
    });
    v2.edges = v2.edges.map((e) => (e.target === 'sales' ? { ...e, target: 'salesQueue' } : e));
    const diff = diffFlows(v1, v2);
    expect(diff.added).toEqual(['salesQueue']);
    expect(diff.removed).toEqual(['sales']);
    expect(diff.edges.removed).toEqual([
      expect.objectContaining({ source: 'mainMenu', outcome: '1', target: 'sales' }),
    ]);
    expect(diff.edges.added).toEqual([
      expect.objectContaining({ source: 'mainMenu', outcome: '1', target: 'salesQueue' }),
    ]);
  });

  it('reports a changed node type, end-call outcomes, settings, variables and name', () => {
    const v2 = edit(v1);
    node(v2, 'goodbye').type = 'hangup';
    node(v2, 'mainMenu').endCallOn = ['noInput'];
    v2.settings.timezone = 'Europe/Paris';
    v2.variables.push({ name: 'vip', type: 'boolean' });
    v2.name = 'Simple menu (Paris)';
    const diff = diffFlows(v1, v2);
    expect(diff.changed).toEqual([
      { nodeId: 'mainMenu', fields: ['endCallOn'] },
      { nodeId: 'goodbye', fields: ['type'] },
    ]);
    expect(diff.settingsChanged).toEqual(['timezone']);
    expect(diff.variablesChanged).toEqual(['vip']);
    expect(diff.documentChanged).toEqual(['name']);
  });
});
