import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reachableStateIds } from '../test/reachable';
import { simulate } from '../test/simulate';
import { canonicalJson, compileFlow, type FlowDocument, hashText, parseFlow } from './index';

const examplesDir = new URL('../examples/', import.meta.url);
const goldenDir = new URL('../test/golden/', import.meta.url);
const validExamples = readdirSync(examplesDir).filter((f) => f.endsWith('.json') && !f.startsWith('broken'));

function load(name: string): FlowDocument {
  const parsed = parseFlow(JSON.parse(readFileSync(new URL(name, examplesDir), 'utf8')));
  if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.problems)}`);
  return parsed.document;
}

function compiled(doc: FlowDocument) {
  const result = compileFlow(doc);
  if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 1));
  return result.compiled;
}

describe('compiler', () => {
  it.each(validExamples)('%s compiles to the golden machine', (name) => {
    const json = `${JSON.stringify(JSON.parse(canonicalJson(compiled(load(name)))), null, 2)}\n`;
    const golden = new URL(name.replace('.json', '.compiled.json'), goldenDir);
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, json);
    expect(json).toBe(readFileSync(golden, 'utf8'));
  });

  it.each(validExamples)('%s is accepted by XState and every node maps to a reachable state', (name) => {
    const result = compiled(load(name));
    const reachable = reachableStateIds(result);
    for (const [nodeId, stateId] of Object.entries(result.stateIds)) {
      expect(reachable, `node ${nodeId}`).toContain(stateId);
    }
  });

  it('is deterministic: the same flow gives byte-identical JSON and hash, whatever the node order', () => {
    const doc = load('simple-menu.json');
    const a = compiled(doc);
    const b = compiled(structuredClone(doc));
    const shuffled = compiled({ ...doc, nodes: [...doc.nodes].reverse(), edges: [...doc.edges].reverse() });
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(shuffled)).toBe(canonicalJson(a));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each(validExamples)('%s: the stored machine is already canonical and the hash is its sha256', (name) => {
    const result = compiled(load(name));
    expect(JSON.stringify(result.machine)).toBe(canonicalJson(result.machine));
    expect(result.hash).toBe(hashText(canonicalJson(result.machine)));
  });

  it('two compilations share no object with each other or with the document', () => {
    const doc = load('contact-center.json');
    const objects = (value: unknown, into = new Set<object>()): Set<object> => {
      if (value !== null && typeof value === 'object' && !into.has(value)) {
        into.add(value);
        for (const item of Object.values(value)) objects(item, into);
      }
      return into;
    };
    const before = objects(doc);
    for (const o of objects(compiled(doc).machine)) before.add(o);
    const again = [...objects(compiled(doc).machine)];
    expect(again.filter((o) => before.has(o))).toEqual([]);
  });

  it('moving nodes or renaming labels keeps the hash; changing a prompt changes it', () => {
    const doc = load('simple-menu.json');
    const moved = {
      ...doc,
      nodes: doc.nodes.map((n) => ({ ...n, position: { x: n.position.x + 50, y: 0 }, label: 'renamed' })),
    };
    expect(compiled(moved).hash).toBe(compiled(doc).hash);
    const reworded = structuredClone(doc);
    (reworded.nodes[1]!.data.prompt as { text: string }).text = 'Welcome to Fabrikam.';
    expect(compiled(reworded).hash).not.toBe(compiled(doc).hash);
  });

  it('refuses an invalid flow with its problems instead of compiling it', () => {
    const doc = load('simple-menu.json');
    const result = compileFlow({ ...doc, edges: doc.edges.slice(1) });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.code)).toContain('unwired-outcome');
  });

  it('an outcome set to end the call hangs up with a reason naming the node and outcome', () => {
    const call = simulate({
      schemaVersion: 1,
      name: 'Ends',
      nodes: [{ id: 'start', type: 'start', data: {}, endCallOn: ['next'] }],
      edges: [],
    });
    expect(call.done).toBe(true);
    expect(call.effectsOf('hangup')).toEqual([{ type: 'hangup', params: { reason: 'start.next' } }]);
  });

  it('a caller hanging up mid-prompt ends the machine without taking an outcome', () => {
    const call = simulate(load('simple-menu.json'));
    expect(call.node).toBe('welcome');
    call.send({ type: 'HANGUP' });
    expect(call.done).toBe(true);
    expect(call.node).toBe('$callerHungUp');
    expect(call.path).toEqual([{ nodeId: 'start', outcome: 'next' }]);
  });

  it('a node wired to itself is entered again', () => {
    const call = simulate({
      schemaVersion: 1,
      name: 'Repeat',
      nodes: [
        { id: 'start', type: 'start', data: {} },
        { id: 'again', type: 'playPrompt', data: { prompt: { kind: 'tts', text: 'Still here.' } } },
      ],
      edges: [
        { id: 'a', source: 'start', outcome: 'next', target: 'again' },
        { id: 'b', source: 'again', outcome: 'done', target: 'again' },
      ],
    });
    call.send({ type: 'PROMPT_DONE' });
    call.send({ type: 'PROMPT_DONE' });
    expect(call.entered).toEqual(['start', 'again', 'again', 'again']);
    expect(call.effectsOf('play')).toHaveLength(3);
  });
});
