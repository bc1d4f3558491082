import type { FlowDocument, FlowNode, Problem } from '@parley/flow-schema';
import { useMemo } from 'react';
import { type HighlightKind, NO_DECORATION, type NodeDecoration, wiredOutcomes } from '../graph/flow-mapping';
import { type NodeView, nodeView } from '../graph/node-view';
import type { DesignerReferences } from '../references';

/** Nodes of a diff to paint: added, removed (drawn as a ghost when still in the document) or changed. */
export interface DiffHighlight {
  nodeIds: string[];
  kind: HighlightKind;
}

/**
 * The canvas's view of each node, cached per document node object (and its wired outcomes), so an
 * edit to one node re-derives one view, not five hundred.
 */
export function useNodeViews(
  document: FlowDocument,
  references: DesignerReferences,
): (node: FlowNode) => NodeView {
  // biome-ignore lint/correctness/useExhaustiveDependencies: a fresh cache whenever names can change
  const cache = useMemo(() => new WeakMap<FlowNode, { wired: string; view: NodeView }>(), [references]);
  const wired = useMemo(() => wiredOutcomes(document), [document]);
  return useMemo(
    () => (node: FlowNode) => {
      const outcomes = wired.get(node.id) ?? [];
      const key = outcomes.join('\u0000');
      const hit = cache.get(node);
      if (hit && hit.wired === key) return hit.view;
      const view = nodeView(node, references, outcomes);
      cache.set(node, { wired: key, view });
      return view;
    },
    [cache, wired, references],
  );
}

/** What to paint on each node: its problem count, its diff highlight, and the simulated call's path. */
export function useNodeDecorations(
  byNode: ReadonlyMap<string, Problem[]>,
  highlight: readonly DiffHighlight[] | undefined,
  sim: { current: string | null; visited: ReadonlySet<string> },
): (nodeId: string) => NodeDecoration {
  const highlights = useMemo(() => {
    const map = new Map<string, HighlightKind>();
    for (const h of highlight ?? []) for (const id of h.nodeIds) map.set(id, h.kind);
    return map;
  }, [highlight]);
  const { current, visited } = sim;
  return useMemo(() => {
    const cache = new Map<string, NodeDecoration>();
    return (nodeId: string) => {
      const problems = byNode.get(nodeId)?.length ?? 0;
      const kind = highlights.get(nodeId) ?? null;
      const simState = current === nodeId ? 'current' : visited.has(nodeId) ? 'visited' : null;
      if (problems === 0 && kind === null && simState === null) return NO_DECORATION;
      let d = cache.get(nodeId);
      if (!d) {
        d = { problems, highlight: kind, sim: simState };
        cache.set(nodeId, d);
      }
      return d;
    };
  }, [byNode, highlights, current, visited]);
}
