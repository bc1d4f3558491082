import { canonicalJson } from './canonical';
import type { FlowDocument, FlowEdge, FlowNode } from './document';
import { getNodeType } from './registry';

/** A node whose behavior differs between two documents, with the dotted paths that differ. */
export interface ChangedNode {
  nodeId: string;
  /** Like `type`, `endCallOn`, `data.prompt.text`, `data.options` (an array that grew or shrank). */
  fields: string[];
}

/** A node whose label alone changed: shown to people, never to callers. */
export interface RelabeledNode {
  nodeId: string;
  from: string | null;
  to: string | null;
}

/** What changed from one flow document to another, in terms of what a caller would notice. */
export interface FlowDiff {
  /** Node ids only in the second document, in its order. */
  added: string[];
  /** Node ids only in the first document, in its order. */
  removed: string[];
  changed: ChangedNode[];
  relabeled: RelabeledNode[];
  /** Edges by what they connect (source, outcome, target); a re-pointed outcome is one removed and one added. */
  edges: { added: FlowEdge[]; removed: FlowEdge[] };
  /** Keys of `settings` that differ, like `timezone`. */
  settingsChanged: string[];
  /** Variables declared, dropped or redeclared differently, by name. */
  variablesChanged: string[];
  /** `name` and `description`, when they differ. */
  documentChanged: ('name' | 'description')[];
}

/**
 * What changed between two flow documents, ignoring what only moves things on the canvas: node
 * positions and edge ids. Node data is compared after the node type's defaults are applied, so a
 * field left out and the same field written with its default value are the same.
 */
export function diffFlows(a: FlowDocument, b: FlowDocument): FlowDiff {
  const before = byId(a.nodes);
  const after = byId(b.nodes);
  const changed: ChangedNode[] = [];
  const relabeled: RelabeledNode[] = [];
  for (const [id, node] of after) {
    const old = before.get(id);
    if (!old) continue;
    const fields = nodeFields(old, node);
    if (fields.length > 0) changed.push({ nodeId: id, fields });
    if ((old.label ?? '') !== (node.label ?? '')) {
      relabeled.push({ nodeId: id, from: old.label ?? null, to: node.label ?? null });
    }
  }
  return {
    added: [...after.keys()].filter((id) => !before.has(id)),
    removed: [...before.keys()].filter((id) => !after.has(id)),
    changed,
    relabeled,
    edges: {
      added: edgesMissing(b.edges, a.edges),
      removed: edgesMissing(a.edges, b.edges),
    },
    settingsChanged: differingKeys(a.settings, b.settings),
    variablesChanged: variableChanges(a, b),
    documentChanged: (['name', 'description'] as const).filter((k) => (a[k] ?? '') !== (b[k] ?? '')),
  };
}

/** Whether a diff found nothing a caller or an admin would notice (labels count; positions do not). */
export function isEmptyDiff(diff: FlowDiff): boolean {
  return (
    diff.added.length +
      diff.removed.length +
      diff.changed.length +
      diff.relabeled.length +
      diff.edges.added.length +
      diff.edges.removed.length +
      diff.settingsChanged.length +
      diff.variablesChanged.length +
      diff.documentChanged.length ===
    0
  );
}

// The first node of an id wins, as in validation, which reports the duplicates.
function byId(nodes: FlowNode[]): Map<string, FlowNode> {
  const map = new Map<string, FlowNode>();
  for (const node of nodes) if (!map.has(node.id)) map.set(node.id, node);
  return map;
}

function nodeFields(a: FlowNode, b: FlowNode): string[] {
  if (a.type !== b.type) return ['type'];
  const fields: string[] = [];
  if (!sameSet(a.endCallOn, b.endCallOn)) fields.push('endCallOn');
  paths(normalizedData(a), normalizedData(b), 'data', fields);
  return fields;
}

// Data that passes its type's schema is compared as the compiler reads it, defaults applied.
function normalizedData(node: FlowNode): unknown {
  const parsed = getNodeType(node.type)?.data.safeParse(node.data);
  return parsed?.success ? parsed.data : node.data;
}

function paths(a: unknown, b: unknown, at: string, out: string[]): void {
  if (canonicalJson(a) === canonicalJson(b)) return;
  if (isRecord(a) && isRecord(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) paths(a[key], b[key], `${at}.${key}`, out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((item, i) => {
      paths(item, b[i], `${at}.${i}`, out);
    });
    return;
  }
  out.push(at);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function sameSet(a: string[], b: string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((x) => right.has(x));
}

const edgeKey = (e: FlowEdge) => JSON.stringify([e.source, e.outcome, e.target]);

function edgesMissing(from: FlowEdge[], other: FlowEdge[]): FlowEdge[] {
  const present = new Set(other.map(edgeKey));
  return from.filter((e) => !present.has(edgeKey(e)));
}

function differingKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((k) => canonicalJson(a[k]) !== canonicalJson(b[k]))
    .sort();
}

function variableChanges(a: FlowDocument, b: FlowDocument): string[] {
  const before = new Map(a.variables.map((v) => [v.name, canonicalJson(v)]));
  const after = new Map(b.variables.map((v) => [v.name, canonicalJson(v)]));
  return [...new Set([...before.keys(), ...after.keys()])]
    .filter((n) => before.get(n) !== after.get(n))
    .sort();
}
