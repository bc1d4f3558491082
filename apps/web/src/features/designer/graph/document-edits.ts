import { type FlowDocument, type FlowNode, getNodeType } from '@parley/flow-schema';
import { freshEdgeIds, freshNodeId } from './fresh-ids';

/** An outcome of one node wired to another: what dragging from a handle to a node asks for. */
export interface OutcomeConnection {
  source: string;
  outcome: string;
  target: string;
}

/**
 * Wires an outcome to a node. An outcome leads to one place only, so an existing edge from the same
 * outcome is replaced, and the outcome no longer ends the call.
 */
export function connectOutcome(doc: FlowDocument, c: OutcomeConnection): FlowDocument {
  const kept = doc.edges.filter((e) => !(e.source === c.source && e.outcome === c.outcome));
  const [id] = freshEdgeIds({ ...doc, edges: kept }, 1);
  return {
    ...doc,
    nodes: doc.nodes.map((n) =>
      n.id === c.source && n.endCallOn.includes(c.outcome)
        ? { ...n, endCallOn: n.endCallOn.filter((o) => o !== c.outcome) }
        : n,
    ),
    edges: [...kept, { id: id!, source: c.source, outcome: c.outcome, target: c.target }],
  };
}

/** Removes nodes (and every edge touching them) and edges. */
export function removeElements(
  doc: FlowDocument,
  nodeIds: Iterable<string>,
  edgeIds: Iterable<string> = [],
): FlowDocument {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  if (nodes.size === 0 && edges.size === 0) return doc;
  return {
    ...doc,
    nodes: doc.nodes.filter((n) => !nodes.has(n.id)),
    edges: doc.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target)),
  };
}

/** Moves nodes; nodes not listed keep their object, so nothing else looks changed. */
export function moveNodes(
  doc: FlowDocument,
  positions: Iterable<{ id: string; position: { x: number; y: number } }>,
): FlowDocument {
  const byId = new Map<string, { x: number; y: number }>();
  for (const p of positions) byId.set(p.id, { x: Math.round(p.position.x), y: Math.round(p.position.y) });
  let changed = false;
  const nodes = doc.nodes.map((n) => {
    const to = byId.get(n.id);
    if (!to || (to.x === n.position.x && to.y === n.position.y)) return n;
    changed = true;
    return { ...n, position: to };
  });
  return changed ? { ...doc, nodes } : doc;
}

/** Adds a node of a registered type with its defaults and a fresh id; returns the document and the id. */
export function addNode(
  doc: FlowDocument,
  type: string,
  position: { x: number; y: number },
): { document: FlowDocument; nodeId: string } {
  const nodeType = getNodeType(type);
  if (!nodeType) throw new RangeError(`there is no node type "${type}"`);
  const nodeId = freshNodeId(type, new Set(doc.nodes.map((n) => n.id)));
  const node: FlowNode = {
    id: nodeId,
    type,
    position: { x: Math.round(position.x), y: Math.round(position.y) },
    endCallOn: [],
    data: structuredClone(nodeType.defaults()) as Record<string, unknown>,
  };
  return { document: { ...doc, nodes: [...doc.nodes, node] }, nodeId };
}

/**
 * Changes one node. Edges of outcomes its new data no longer has are kept (the validator names them
 * and the canvas draws them as stale), so half-typed data never drops wiring behind the admin's back.
 */
export function updateNode(
  doc: FlowDocument,
  nodeId: string,
  change: (node: FlowNode) => FlowNode,
): FlowDocument {
  let found = false;
  const nodes = doc.nodes.map((n) => {
    if (n.id !== nodeId) return n;
    found = true;
    return change(n);
  });
  return found ? { ...doc, nodes } : doc;
}

/**
 * Marks an outcome as ending the call, or not. Ending it removes its wire: an outcome either leads
 * somewhere or ends the call, never both.
 */
export function setEndsCall(doc: FlowDocument, nodeId: string, outcome: string, ends: boolean): FlowDocument {
  const next = updateNode(doc, nodeId, (n) => ({
    ...n,
    endCallOn: ends
      ? [...n.endCallOn.filter((o) => o !== outcome), outcome]
      : n.endCallOn.filter((o) => o !== outcome),
  }));
  if (!ends) return next;
  const edges = next.edges.filter((e) => !(e.source === nodeId && e.outcome === outcome));
  return edges.length === next.edges.length ? next : { ...next, edges };
}
