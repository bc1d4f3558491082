import type { FlowDocumentInput } from '@parley/flow-schema';

type Node = FlowDocumentInput['nodes'][number];
type Edge = NonNullable<FlowDocumentInput['edges']>[number];

/**
 * A valid flow of exactly `size` nodes, shaped like a long IVR: start, then prompts and menus in turn,
 * then a hangup. Each menu's key 1 goes on, key 2 hangs up, key 3 goes back to the prompt before it, and
 * silence or a wrong key hangs up; so the validator has loops (through waiting nodes) and fan-in to check.
 */
export function chainFlow(size: number): FlowDocumentInput {
  if (size < 3) throw new RangeError('a chain flow has at least start, one step and the hangup');
  const nodes: Node[] = [{ id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} }];
  const edges: Edge[] = [];
  const edge = (source: string, outcome: string, target: string) =>
    edges.push({ id: `e${edges.length + 1}`, source, outcome, target });

  const steps = size - 2;
  const stepId = (i: number) => (i === steps ? 'end' : `${i % 2 === 0 ? 'prompt' : 'menu'}${i}`);
  edge('start', 'next', stepId(0));
  for (let i = 0; i < steps; i++) {
    const id = stepId(i);
    const position = { x: (i % 10) * 220, y: Math.floor(i / 10) * 140 };
    if (i % 2 === 0) {
      nodes.push({
        id,
        type: 'playPrompt',
        position,
        data: { prompt: { kind: 'tts', text: `Step ${i}: thank you for waiting.` }, bargeIn: true },
      });
      edge(id, 'done', stepId(i + 1));
    } else {
      nodes.push({
        id,
        type: 'menu',
        position,
        data: {
          prompt: {
            kind: 'tts',
            text: `Menu ${i}: to go on press 1, to leave press 2, to hear that again press 3.`,
          },
          options: [
            { key: '1', label: 'Go on' },
            { key: '2', label: 'Leave' },
            { key: '3', label: 'Repeat' },
          ],
          invalidPrompt: { kind: 'tts', text: 'Sorry, that is not an option.' },
        },
      });
      edge(id, '1', stepId(i + 1));
      edge(id, '2', 'end');
      edge(id, '3', stepId(i - 1));
      edge(id, 'noInput', 'end');
      edge(id, 'invalid', 'end');
    }
  }
  nodes.push({
    id: 'end',
    type: 'hangup',
    position: { x: 0, y: (steps / 10 + 1) * 140 },
    data: { reason: 'completed' },
  });

  return {
    schemaVersion: 1,
    name: `Chain of ${size}`,
    settings: { timezone: 'Europe/London', language: 'en-GB' },
    variables: [],
    nodes,
    edges,
  };
}
