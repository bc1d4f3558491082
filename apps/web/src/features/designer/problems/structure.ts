import type { FlowDocument } from '@parley/flow-schema';

/**
 * Whether two documents differ only in node positions. Validation ignores positions, so dragging
 * (which only moves nodes) never re-runs it. Edits share unchanged parts, so this is identity checks.
 */
export function sameStructure(a: FlowDocument, b: FlowDocument): boolean {
  if (a === b) return true;
  if (
    a.name !== b.name ||
    a.settings !== b.settings ||
    a.variables !== b.variables ||
    a.edges !== b.edges ||
    a.nodes.length !== b.nodes.length
  ) {
    return false;
  }
  return a.nodes.every((n, i) => {
    const m = b.nodes[i]!;
    return (
      n === m ||
      (n.id === m.id &&
        n.type === m.type &&
        n.label === m.label &&
        n.endCallOn === m.endCallOn &&
        n.data === m.data)
    );
  });
}
