import { CURRENT_SCHEMA_VERSION } from './document';

type Json = Record<string, unknown>;
type Upgrader = (doc: Json) => Json;

/**
 * `upgraders[n]` turns a version-n document into version n+1. Version 0 is the raw shape React Flow
 * exports (`sourceHandle` on edges, `type` on nodes, no settings), which admins may import directly.
 */
const upgraders: Record<number, Upgrader> = {
  0: (doc) => ({
    ...doc,
    name: typeof doc.name === 'string' && doc.name ? doc.name : 'Imported flow',
    edges: asArray(doc.edges).map((edge, i) => {
      const { sourceHandle, outcome, id, ...rest } = edge as Json;
      return {
        ...rest,
        id: typeof id === 'string' ? id : `e${i + 1}`,
        outcome: outcome ?? sourceHandle ?? 'next',
      };
    }),
    nodes: asArray(doc.nodes).map((node) => {
      // React Flow keeps runtime-only keys (measured, selected, dragging) that are not part of a flow.
      const { measured: _m, selected: _s, dragging: _d, width: _w, height: _h, ...rest } = node as Json;
      return rest;
    }),
    schemaVersion: 1,
  }),
};

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Brings a document of any known schema version up to the current one; unknown versions pass through. */
export function upgradeDocument(input: unknown): unknown {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return input;
  let doc = input as Json;
  let version = typeof doc.schemaVersion === 'number' ? doc.schemaVersion : 0;
  while (version < CURRENT_SCHEMA_VERSION) {
    const step = upgraders[version];
    if (!step) break;
    doc = step(doc);
    version += 1;
  }
  return doc;
}
