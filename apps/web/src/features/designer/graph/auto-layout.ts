import type { FlowDocument } from '@parley/flow-schema';
import ELK from 'elkjs/lib/elk.bundled.js';
import { nodeOutcomes } from './node-view';

/** A node's size on screen, when React Flow has measured it. */
export type NodeSize = { width: number; height: number };

const elk = new ELK();

const FALLBACK_HEIGHT = 90;
const estimatedWidth = (outcomes: number) => Math.max(220, outcomes * 84);

/**
 * Positions for every node, top-down in layers (ELK layered). Outcome handles are ports on the bottom
 * side in their fixed order, so wires leave in the order the node lists them and cross less.
 */
export async function autoLayout(
  doc: FlowDocument,
  sizes: ReadonlyMap<string, NodeSize> = new Map(),
): Promise<Map<string, { x: number; y: number }>> {
  const ids = new Set(doc.nodes.map((n) => n.id));
  const children = doc.nodes.map((node) => {
    const outcomes = nodeOutcomes(node).map((o) => o.name);
    for (const e of doc.edges)
      if (e.source === node.id && !outcomes.includes(e.outcome)) outcomes.push(e.outcome);
    const size = sizes.get(node.id) ?? { width: estimatedWidth(outcomes.length), height: FALLBACK_HEIGHT };
    return {
      id: node.id,
      width: size.width,
      height: size.height,
      layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' },
      ports: [
        { id: `${node.id}::in`, width: 1, height: 1, layoutOptions: { 'elk.port.side': 'NORTH' } },
        ...outcomes.map((name, i) => ({
          id: portId(node.id, name),
          width: 1,
          height: 1,
          // Index runs clockwise from the top-left: on the bottom side that is right to left.
          layoutOptions: { 'elk.port.side': 'SOUTH', 'elk.port.index': String(outcomes.length - i) },
        })),
      ],
    };
  });
  const edges = doc.edges
    .filter((e) => ids.has(e.source) && ids.has(e.target))
    .map((e) => ({ id: e.id, sources: [portId(e.source, e.outcome)], targets: [`${e.target}::in`] }));
  const result = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.layered.spacing.nodeNodeBetweenLayers': '70',
      'elk.spacing.nodeNode': '50',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children,
    edges,
  });
  const positions = new Map<string, { x: number; y: number }>();
  for (const child of result.children ?? []) {
    positions.set(child.id, { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) });
  }
  return positions;
}

const portId = (nodeId: string, outcome: string) => `${nodeId}::out::${outcome}`;
