import type { FlowDocument, FlowEdge, FlowNode } from '@parley/flow-schema';

const KEYS = ['1', '2', '3'] as const;
const ROW_HEIGHT = 320;

/**
 * A valid flow of up to `count` nodes for trying the designer at size (`/designer-preview?nodes=500`):
 * rows of a menu whose three keys lead to prompts, which all lead on to the next row's menu.
 */
export function largeFlow(count: number): FlowDocument {
  const rows = Math.max(1, Math.floor((count - 2) / 4));
  const menu = (row: number) => (row > rows ? 'goodbye' : `menu${row}`);
  const nodes: FlowNode[] = [
    { id: 'start', type: 'start', position: { x: 0, y: 0 }, endCallOn: [], data: {} },
  ];
  const edges: FlowEdge[] = [];
  const wire = (source: string, outcome: string, target: string) =>
    edges.push({ id: `e${edges.length + 1}`, source, outcome, target });
  wire('start', 'next', menu(1));
  for (let row = 1; row <= rows; row++) {
    const y = row * ROW_HEIGHT;
    nodes.push({
      id: menu(row),
      type: 'menu',
      position: { x: 0, y },
      endCallOn: ['noInput', 'invalid'],
      data: {
        prompt: { kind: 'tts', text: `Menu ${row}: press 1, 2 or 3.` },
        options: KEYS.map((key) => ({ key })),
      },
    });
    for (const key of KEYS) {
      const prompt = `prompt${row}_${key}`;
      nodes.push({
        id: prompt,
        type: 'playPrompt',
        position: { x: (Number(key) - 2) * 300, y: y + ROW_HEIGHT / 2 },
        endCallOn: [],
        data: { prompt: { kind: 'tts', text: `You chose ${key} in menu ${row}.` } },
      });
      wire(menu(row), key, prompt);
      wire(prompt, 'done', menu(row + 1));
    }
  }
  nodes.push({
    id: 'goodbye',
    type: 'hangup',
    position: { x: 0, y: (rows + 1) * ROW_HEIGHT },
    endCallOn: [],
    data: { reason: 'completed' },
  });
  return {
    schemaVersion: 1,
    name: `Large flow (${nodes.length} nodes)`,
    settings: { language: 'en-US', timezone: 'UTC', maxSteps: 1000 },
    variables: [],
    nodes,
    edges,
  };
}
