import type { FlowDocument, FlowNode } from '@parley/flow-schema';
import {
  applyNodeChanges,
  type EdgeChange,
  type NodeChange,
  type OnEdgesChange,
  type OnNodesChange,
} from '@xyflow/react';
import { useCallback, useMemo, useState } from 'react';
import {
  type CanvasEdge,
  type CanvasNode,
  type NodeDecoration,
  toCanvasEdges,
  toCanvasNodes,
} from '../graph/flow-mapping';
import type { NodeView } from '../graph/node-view';

export interface Selection {
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string>;
}

const NONE: Selection = { nodes: new Set(), edges: new Set() };

export interface CanvasState {
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  onNodesChange: OnNodesChange<CanvasNode>;
  onEdgesChange: OnEdgesChange<CanvasEdge>;
  /** Selected node ids in document order (stable between renders while the selection is the same). */
  selectedNodeIds: string[];
  selectedEdgeIds: string[];
  select(nodeIds: Iterable<string>): void;
}

/**
 * React Flow's controlled state over a document. Positions live here while a node is dragged (the
 * document hears of the move once, on drag stop); nodes and edges are re-derived from the document
 * whenever it changes, reusing unchanged node objects.
 */
export function useCanvasState({
  document,
  view,
  decorate,
  taken,
}: {
  document: FlowDocument;
  view: (node: FlowNode) => NodeView;
  decorate: (nodeId: string) => NodeDecoration;
  taken: ReadonlySet<string>;
}): CanvasState {
  const [selection, setSelection] = useState<Selection>(NONE);
  const [nodes, setNodes] = useState<CanvasNode[]>(() =>
    toCanvasNodes(document, view, decorate, selection.nodes),
  );
  // Derived state, synced during render (React's "store information from previous renders" pattern).
  const [synced, setSynced] = useState({ document, view, decorate, selection });
  if (
    synced.document !== document ||
    synced.view !== view ||
    synced.decorate !== decorate ||
    synced.selection !== selection
  ) {
    setSynced({ document, view, decorate, selection });
    setNodes((previous) => toCanvasNodes(document, view, decorate, selection.nodes, previous));
  }

  const edges = useMemo(
    () => toCanvasEdges(document, selection.edges, taken),
    [document, selection.edges, taken],
  );

  const onNodesChange = useCallback<OnNodesChange<CanvasNode>>((changes) => {
    const selects = changes.filter((c) => c.type === 'select');
    // Removal goes through onDelete into the document; the canvas follows the document.
    const rest = changes.filter(
      (c): c is NodeChange<CanvasNode> => c.type !== 'select' && c.type !== 'remove',
    );
    if (selects.length > 0) {
      setSelection((s) => {
        const next = new Set(s.nodes);
        for (const c of selects) {
          if (c.selected) next.add(c.id);
          else next.delete(c.id);
        }
        return { ...s, nodes: next };
      });
    }
    if (rest.length > 0) setNodes((current) => applyNodeChanges(rest, current));
  }, []);

  const onEdgesChange = useCallback<OnEdgesChange<CanvasEdge>>((changes: EdgeChange<CanvasEdge>[]) => {
    const selects = changes.filter((c) => c.type === 'select');
    if (selects.length === 0) return;
    setSelection((s) => {
      const next = new Set(s.edges);
      for (const c of selects) {
        if (c.selected) next.add(c.id);
        else next.delete(c.id);
      }
      return { ...s, edges: next };
    });
  }, []);

  const select = useCallback((nodeIds: Iterable<string>) => {
    setSelection({ nodes: new Set(nodeIds), edges: new Set() });
  }, []);

  const nodeKey = document.nodes
    .filter((n) => selection.nodes.has(n.id))
    .map((n) => n.id)
    .join('\u0000');
  const selectedNodeIds = useMemo(() => (nodeKey ? nodeKey.split('\u0000') : []), [nodeKey]);
  const edgeKey = document.edges
    .filter((e) => selection.edges.has(e.id))
    .map((e) => e.id)
    .join('\u0000');
  const selectedEdgeIds = useMemo(() => (edgeKey ? edgeKey.split('\u0000') : []), [edgeKey]);

  return { nodes, edges, onNodesChange, onEdgesChange, selectedNodeIds, selectedEdgeIds, select };
}
