import type { FlowDocument, FlowEdge, FlowNode } from '@parley/flow-schema';
import { freshEdgeIds, freshNodeId } from './fresh-ids';
import { START_TYPE } from './node-view';

/** Copied nodes and the edges between them, as plain JSON (it also travels through the system clipboard). */
export interface FlowFragment {
  kind: 'parley/fragment';
  nodes: FlowNode[];
  edges: FlowEdge[];
}

/** The selected nodes and the edges among them; edges to nodes left behind are not copied. */
export function copyFragment(doc: FlowDocument, nodeIds: Iterable<string>): FlowFragment {
  const ids = new Set(nodeIds);
  return structuredClone({
    kind: 'parley/fragment' as const,
    nodes: doc.nodes.filter((n) => ids.has(n.id)),
    edges: doc.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
  });
}

/** Reads a fragment back from clipboard text; null when the text is something else. */
export function parseFragment(text: string): FlowFragment | null {
  try {
    const value = JSON.parse(text) as Partial<FlowFragment>;
    return value?.kind === 'parley/fragment' && Array.isArray(value.nodes) && Array.isArray(value.edges)
      ? (value as FlowFragment)
      : null;
  } catch {
    return null;
  }
}

/**
 * Pastes a fragment: every node gets a fresh id and moves by `offset`, internal edges follow the new
 * ids. The entry node is not pasted, as a flow has exactly one.
 */
export function pasteFragment(
  doc: FlowDocument,
  fragment: FlowFragment,
  offset: { x: number; y: number },
): { document: FlowDocument; nodeIds: string[] } {
  const taken = new Set(doc.nodes.map((n) => n.id));
  const renamed = new Map<string, string>();
  const nodes: FlowNode[] = [];
  for (const node of fragment.nodes) {
    if (node.type === START_TYPE) continue;
    const id = freshNodeId(node.id, taken);
    taken.add(id);
    renamed.set(node.id, id);
    nodes.push({
      ...structuredClone(node),
      id,
      position: { x: node.position.x + offset.x, y: node.position.y + offset.y },
    });
  }
  const internal = fragment.edges.filter((e) => renamed.has(e.source) && renamed.has(e.target));
  const edgeIds = freshEdgeIds(doc, internal.length);
  const edges = internal.map((e, i) => ({
    id: edgeIds[i]!,
    source: renamed.get(e.source)!,
    outcome: e.outcome,
    target: renamed.get(e.target)!,
  }));
  return {
    document: { ...doc, nodes: [...doc.nodes, ...nodes], edges: [...doc.edges, ...edges] },
    nodeIds: nodes.map((n) => n.id),
  };
}
