import type { FlowDocument } from '@parley/flow-schema';

/** A node id not taken yet, read like `menu3`: the base (a type name or an old id) plus a number. */
export function freshNodeId(base: string, taken: ReadonlySet<string>): string {
  // Node ids start with a letter and double as statechart keys; keep letters, digits, _ and -.
  const clean = base.replace(/[^A-Za-z0-9_-]/g, '').replace(/^[^A-Za-z]+/, '') || 'node';
  const stem = clean.replace(/\d+$/, '').slice(0, 56) || 'node';
  for (let n = 1; ; n++) {
    const id = `${stem}${n}`;
    if (!taken.has(id)) return id;
  }
}

/** Edge ids not taken yet (`e12`, `e13`…), as many as asked for. */
export function freshEdgeIds(doc: FlowDocument, count: number): string[] {
  const taken = new Set(doc.edges.map((e) => e.id));
  const ids: string[] = [];
  for (let n = doc.edges.length + 1; ids.length < count; n++) {
    const id = `e${n}`;
    if (!taken.has(id)) {
      taken.add(id);
      ids.push(id);
    }
  }
  return ids;
}
