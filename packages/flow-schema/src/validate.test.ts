import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type FlowDocumentInput,
  type Problem,
  parseFlow,
  say,
  type ValidateOptions,
  validateFlow,
} from './index';

const example = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../examples/${name}`, import.meta.url), 'utf8'));

function problemsOf(input: unknown, opts?: ValidateOptions): Problem[] {
  const parsed = parseFlow(input);
  if (!parsed.ok) return parsed.problems;
  return validateFlow(parsed.document, opts);
}

const start = { id: 'start', type: 'start', data: {} };
const bye = (id = 'bye') => ({ id, type: 'hangup', data: {} });
const edge = (source: string, outcome: string, target: string) => ({
  id: `${source}-${outcome}`,
  source,
  outcome,
  target,
});
const flow = (nodes: unknown[], edges: unknown[], extra: Partial<FlowDocumentInput> = {}) => ({
  schemaVersion: 1,
  name: 'Test',
  nodes,
  edges,
  ...extra,
});

describe('validation', () => {
  it('a valid flow has no problems', () => {
    expect(problemsOf(example('simple-menu.json'))).toEqual([]);
  });

  it('an unwired menu option, an unreachable node and a bad timezone are all reported at once', () => {
    const problems = problemsOf(example('broken-menu.json'));
    expect(problems).toEqual([
      expect.objectContaining({ nodeId: null, field: 'settings.timezone', code: 'invalid-timezone' }),
      expect.objectContaining({ nodeId: 'mainMenu', field: 'outcomes.2', code: 'unwired-outcome' }),
      expect.objectContaining({ nodeId: 'orphan', code: 'unreachable' }),
      expect.objectContaining({ nodeId: 'goodbye', code: 'unreachable' }),
    ]);
  });

  it('needs exactly one start', () => {
    expect(problemsOf(flow([bye()], []))).toContainEqual(
      expect.objectContaining({ code: 'start-count', nodeId: null }),
    );
    expect(
      problemsOf(
        flow(
          [start, { ...start, id: 'start2' }, bye()],
          [edge('start', 'next', 'bye'), edge('start2', 'next', 'bye')],
        ),
      ),
    ).toContainEqual(expect.objectContaining({ code: 'start-count', nodeId: 'start2' }));
  });

  it('names edges from unknown outcomes, to missing nodes, and outcomes wired twice', () => {
    const problems = problemsOf(
      flow(
        [start, bye('a'), bye('b')],
        [
          edge('start', 'next', 'a'),
          { ...edge('start', 'next', 'b'), id: 'dup' },
          edge('start', 'sideways', 'b'),
          edge('start', 'other', 'ghost'),
          edge('ghost', 'x', 'a'),
        ],
      ),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ nodeId: 'start', code: 'duplicate-edge', field: 'outcomes.next' }),
        expect.objectContaining({ nodeId: 'start', code: 'unknown-outcome', field: 'outcomes.sideways' }),
        expect.objectContaining({ nodeId: 'start', code: 'missing-target', field: 'outcomes.other' }),
        expect.objectContaining({ nodeId: null, code: 'missing-source' }),
      ]),
    );
  });

  it('accepts an outcome that deliberately ends the call, and rejects one both wired and ending', () => {
    expect(problemsOf(flow([{ ...start, endCallOn: ['next'] }], []))).toEqual([]);
    expect(
      problemsOf(flow([{ ...start, endCallOn: ['next'] }, bye()], [edge('start', 'next', 'bye')])),
    ).toContainEqual(expect.objectContaining({ nodeId: 'start', code: 'duplicate-edge' }));
    expect(
      problemsOf(flow([{ ...start, endCallOn: ['later'] }, bye()], [edge('start', 'next', 'bye')])),
    ).toContainEqual(
      expect.objectContaining({ nodeId: 'start', field: 'endCallOn', code: 'unknown-outcome' }),
    );
  });

  it('reports unknown node types and bad node data with the node and field', () => {
    const problems = problemsOf(
      flow(
        [
          start,
          { id: 'x', type: 'teleport', data: {} },
          { id: 'say', type: 'playPrompt', data: { prompt: { kind: 'tts', text: '' } } },
        ],
        [edge('start', 'next', 'say'), edge('say', 'done', 'x')],
      ),
    );
    expect(problems).toEqual([
      expect.objectContaining({ nodeId: 'x', field: 'type', code: 'unknown-node-type' }),
      expect.objectContaining({
        nodeId: 'say',
        field: 'prompt.text',
        code: 'invalid-data',
        message: 'enter the words to say',
      }),
    ]);
  });

  it('finds a loop that never waits for the caller, but not one through a prompt', () => {
    expect(problemsOf(flow([start], [edge('start', 'next', 'start')]))).toEqual([
      expect.objectContaining({
        nodeId: 'start',
        code: 'loop-without-wait',
        message: expect.stringContaining('start → start'),
      }),
    ]);
    const prompt = { id: 'hello', type: 'playPrompt', data: { prompt: say('Hello') } };
    const waits = flow([start, prompt], [edge('start', 'next', 'hello'), edge('hello', 'done', 'hello')]);
    expect(problemsOf(waits)).toEqual([]);
  });

  it('reports undefined variables and unknown call fields in prompt placeholders', () => {
    const prompt = (text: string) => ({
      id: 'hello',
      type: 'playPrompt',
      endCallOn: ['done'],
      data: { prompt: say(text) },
    });
    const doc = (text: string) =>
      flow([start, prompt(text)], [edge('start', 'next', 'hello')], {
        variables: [{ name: 'tier', type: 'string' }],
      });
    expect(problemsOf(doc('Your tier is {{tier}}, calling from {{call.caller}}'))).toEqual([]);
    expect(problemsOf(doc('Hello {{name}}'))).toEqual([
      expect.objectContaining({
        nodeId: 'hello',
        field: 'prompt.text',
        code: 'undefined-variable',
        message: expect.stringContaining('"name" is not declared'),
      }),
    ]);
    expect(problemsOf(doc('From {{call.planet}} and {{not a var}}'))).toEqual([
      expect.objectContaining({
        code: 'undefined-variable',
        message: expect.stringContaining('no call field "planet"'),
      }),
      expect.objectContaining({
        code: 'undefined-variable',
        message: expect.stringContaining('is not a variable name'),
      }),
    ]);
  });

  it('checks references through the resolver the caller passes in', () => {
    const prompt = {
      id: 'hello',
      type: 'playPrompt',
      endCallOn: ['done'],
      data: { prompt: { kind: 'audio', promptId: 'p-1' } },
    };
    const doc = flow([start, prompt], [edge('start', 'next', 'hello')]);
    expect(problemsOf(doc)).toEqual([]);
    expect(problemsOf(doc, { resolver: (ref) => ref.kind === 'prompt' && ref.id === 'p-1' })).toEqual([]);
    expect(problemsOf(doc, { resolver: () => false })).toEqual([
      expect.objectContaining({
        nodeId: 'hello',
        field: 'prompt.promptId',
        code: 'unknown-reference',
        message: 'there is no prompt "p-1"',
      }),
    ]);
  });

  it('rejects documents that are not flows, naming the field', () => {
    expect(problemsOf({ schemaVersion: 1, nodes: 'no' })).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ nodeId: null, field: 'name', code: 'invalid-document' }),
        expect.objectContaining({ nodeId: null, field: 'nodes', code: 'invalid-document' }),
      ]),
    );
    expect(problemsOf({ schemaVersion: 99, name: 'x', nodes: [] })).toEqual([
      expect.objectContaining({ field: 'schemaVersion', message: expect.stringContaining('newer') }),
    ]);
    expect(problemsOf(flow([{ id: '1bad', type: 'start', data: {} }], []))).toContainEqual(
      expect.objectContaining({ nodeId: '1bad', field: 'id', code: 'invalid-document' }),
    );
  });

  it('upgrades a React Flow export (schema version 0) on parse', () => {
    const parsed = parseFlow({
      nodes: [
        {
          id: 'start',
          type: 'start',
          position: { x: 1, y: 2 },
          data: {},
          measured: { width: 10, height: 10 },
          selected: true,
        },
        { id: 'bye', type: 'hangup', position: { x: 1, y: 90 }, data: {} },
      ],
      edges: [{ id: 'xy', source: 'start', sourceHandle: 'next', target: 'bye' }],
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.document.schemaVersion).toBe(1);
    expect(parsed.document.edges).toEqual([{ id: 'xy', source: 'start', outcome: 'next', target: 'bye' }]);
    expect(parsed.document.nodes[0]).not.toHaveProperty('measured');
    expect(validateFlow(parsed.document)).toEqual([]);
  });
});
