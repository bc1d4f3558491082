import type { FlowDocument, FlowNode } from '@parley/flow-schema';
import type { Edge, Node } from '@xyflow/react';
import type { NodeView } from './node-view';

export type HighlightKind = 'added' | 'removed' | 'changed';

/** What the canvas paints on top of a node besides the node itself. */
export interface NodeDecoration {
  problems: number;
  highlight: HighlightKind | null;
  /** Where the simulated call is, or has been. */
  sim: 'current' | 'visited' | null;
}

export interface CanvasNodeData extends Record<string, unknown> {
  node: FlowNode;
  view: NodeView;
  decoration: NodeDecoration;
}

export type CanvasNode = Node<CanvasNodeData, 'flowNode'>;
export type CanvasEdge = Edge<{ taken: boolean }>;

export const NO_DECORATION: NodeDecoration = { problems: 0, highlight: null, sim: null };

const sameDecoration = (a: NodeDecoration, b: NodeDecoration) =>
  a.problems === b.problems && a.highlight === b.highlight && a.sim === b.sim;

/**
 * The React Flow nodes of a document. Nodes whose document node, view, decoration and selection did
 * not change keep their previous object (and its measured size), so memoized node components and
 * React Flow's own equality checks skip them: this is what keeps a 500-node flow responsive.
 */
export function toCanvasNodes(
  doc: FlowDocument,
  view: (node: FlowNode) => NodeView,
  decorate: (nodeId: string) => NodeDecoration,
  selected: ReadonlySet<string> = new Set(),
  previous: readonly CanvasNode[] = [],
): CanvasNode[] {
  const before = new Map(previous.map((n) => [n.id, n]));
  return doc.nodes.map((node) => {
    const old = before.get(node.id);
    const nodeView = view(node);
    const decoration = decorate(node.id);
    const deletable = nodeView.hasTarget; // the one entry node stays
    const isSelected = selected.has(node.id);
    if (
      old &&
      (old.selected ?? false) === isSelected &&
      old.data.node === node &&
      old.data.view === nodeView &&
      sameDecoration(old.data.decoration, decoration)
    ) {
      return old;
    }
    const data: CanvasNodeData =
      old && old.data.node === node && old.data.view === nodeView
        ? { ...old.data, decoration }
        : { node, view: nodeView, decoration };
    return {
      id: node.id,
      type: 'flowNode',
      position: node.position,
      data,
      deletable,
      ...(old?.measured ? { measured: old.measured } : {}),
      selected: isSelected,
    };
  });
}

/** The React Flow edges of a document: each leaves its source by the handle named after its outcome. */
export function toCanvasEdges(
  doc: FlowDocument,
  selected: ReadonlySet<string>,
  taken: ReadonlySet<string> = new Set(),
): CanvasEdge[] {
  return doc.edges.map((e) => {
    const isTaken = taken.has(takenKey(e.source, e.outcome));
    return {
      id: e.id,
      source: e.source,
      sourceHandle: e.outcome,
      target: e.target,
      type: 'smoothstep',
      selected: selected.has(e.id),
      animated: isTaken,
      data: { taken: isTaken },
      ...(isTaken ? { className: 'taken' } : {}),
    };
  });
}

/** How a path's edge is named in the set of edges a simulated call took. */
export const takenKey = (source: string, outcome: string) => `${source}\u0000${outcome}`;

/** The outcomes each node's edges leave by, for drawing handles of outcomes the node lost. */
export function wiredOutcomes(doc: FlowDocument): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const e of doc.edges) {
    const list = out.get(e.source);
    if (list) {
      if (!list.includes(e.outcome)) list.push(e.outcome);
    } else out.set(e.source, [e.outcome]);
  }
  return out;
}
