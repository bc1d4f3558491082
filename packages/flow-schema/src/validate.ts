import { CURRENT_SCHEMA_VERSION, type FlowDocument, type FlowNode, flowDocumentSchema } from './document';
import { cycles, reachableFrom } from './graph';
import { fromZodIssues } from './issues';
import type { NodeType, OutcomeSpec, Reference } from './node-type';
import type { Problem } from './problems';
import { getNodeType } from './registry';
import { isValidTimezone } from './schedule';
import { CALL_FIELDS } from './template';
import { upgradeDocument } from './upgrade';

/** Says whether a reference (a queue, schedule, prompt, flow or skill id) exists for this tenant. */
export type ReferenceResolver = (ref: Pick<Reference, 'kind' | 'id'>) => boolean;

export interface ValidateOptions {
  /** Checks references to things outside the document; without it references are not checked. */
  resolver?: ReferenceResolver;
}

/** A node whose type is known and whose data passed its schema (defaults applied). */
export interface ResolvedNode {
  node: FlowNode;
  type: NodeType;
  data: unknown;
}

export interface FlowAnalysis {
  problems: Problem[];
  /** Nodes with a known type and valid data, by id. */
  resolved: Map<string, ResolvedNode>;
  /** node id -> outcome -> target node id, for edges whose ends exist. */
  wiring: Map<string, Map<string, string>>;
  startId: string | null;
}

/** Reads a flow document from untrusted JSON: upgrades old versions, then checks the document's shape. */
export function parseFlow(
  raw: unknown,
): { ok: true; document: FlowDocument } | { ok: false; problems: Problem[] } {
  const upgraded = upgradeDocument(raw);
  const version = (upgraded as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version > CURRENT_SCHEMA_VERSION) {
    return {
      ok: false,
      problems: [
        {
          nodeId: null,
          field: 'schemaVersion',
          code: 'invalid-document',
          message: `schema version ${version} is newer than this Parley reads (${CURRENT_SCHEMA_VERSION}); upgrade Parley`,
        },
      ],
    };
  }
  const parsed = flowDocumentSchema.safeParse(upgraded);
  if (parsed.success) return { ok: true, document: parsed.data };
  const nodes = (upgraded as { nodes?: { id?: unknown }[] } | null)?.nodes;
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => {
      const [first, index, ...rest] = issue.path;
      const nodeId = first === 'nodes' && typeof index === 'number' ? nodes?.[index]?.id : undefined;
      const [problem] = fromZodIssues([{ ...issue, path: nodeId === undefined ? issue.path : rest }]);
      return {
        nodeId: typeof nodeId === 'string' ? nodeId : null,
        field: problem!.field,
        code: problem!.code === 'invalid-data' ? 'invalid-document' : problem!.code,
        message: problem!.message,
      };
    }),
  };
}

/** Every problem of a flow at once: shape, wiring, reachability, loops, variables and references. */
export function validateFlow(doc: FlowDocument, opts: ValidateOptions = {}): Problem[] {
  return analyzeFlow(doc, opts).problems;
}

/** Validates a flow and keeps what the compiler needs: the resolved nodes and their wiring. */
export function analyzeFlow(doc: FlowDocument, opts: ValidateOptions = {}): FlowAnalysis {
  const problems: Problem[] = [];
  const resolved = new Map<string, ResolvedNode>();
  const ids = new Set<string>();

  if (!isValidTimezone(doc.settings.timezone)) {
    problems.push({
      nodeId: null,
      field: 'settings.timezone',
      code: 'invalid-timezone',
      message: `"${doc.settings.timezone}" is not an IANA timezone (like Europe/London)`,
    });
  }
  const declared = new Set<string>();
  doc.variables.forEach((v, i) => {
    if (declared.has(v.name)) {
      problems.push({
        nodeId: null,
        field: `variables.${i}.name`,
        code: 'invalid-value',
        message: `variable ${v.name} is declared twice`,
      });
    }
    declared.add(v.name);
  });

  for (const node of doc.nodes) {
    if (ids.has(node.id)) {
      problems.push({
        nodeId: node.id,
        code: 'duplicate-node-id',
        message: `node id ${node.id} is used by more than one node`,
      });
      continue;
    }
    ids.add(node.id);
    const type = getNodeType(node.type);
    if (!type) {
      problems.push({
        nodeId: node.id,
        field: 'type',
        code: 'unknown-node-type',
        message: `there is no node type "${node.type}"`,
      });
      continue;
    }
    const parsed = type.data.safeParse(node.data);
    if (!parsed.success) {
      for (const p of fromZodIssues(parsed.error.issues)) problems.push({ nodeId: node.id, ...p });
      continue;
    }
    resolved.set(node.id, { node, type, data: parsed.data });
    for (const p of type.validate?.(parsed.data, { settings: doc.settings }) ?? [])
      problems.push({ nodeId: node.id, ...p });
    for (const ref of type.references?.(parsed.data) ?? []) {
      if (opts.resolver && !opts.resolver(ref)) {
        problems.push({
          nodeId: node.id,
          field: ref.field,
          code: 'unknown-reference',
          message: `there is no ${ref.kind} "${ref.id}"`,
        });
      }
    }
    const uses = type.variables?.(parsed.data) ?? { reads: [], writes: [] };
    for (const use of [...uses.reads, ...uses.writes]) {
      const problem = variableProblem(use.name, declared);
      if (problem)
        problems.push({ nodeId: node.id, field: use.field, code: 'undefined-variable', message: problem });
    }
  }

  const starts = doc.nodes.filter((n) => n.type === 'start');
  if (starts.length !== 1) {
    problems.push({
      nodeId: starts[1]?.id ?? null,
      code: 'start-count',
      message:
        starts.length === 0
          ? 'add an Incoming call node: every flow starts with one'
          : `a flow has exactly one Incoming call node; this one has ${starts.length}`,
    });
  }

  // A node's outcomes are asked for once, not once per edge leaving it.
  const outcomesOf = new Map<string, OutcomeSpec[]>();
  const outcomes = ({ node, type, data }: ResolvedNode): OutcomeSpec[] => {
    let found = outcomesOf.get(node.id);
    if (!found) {
      found = type.outcomes(data);
      outcomesOf.set(node.id, found);
    }
    return found;
  };

  const wiring = new Map<string, Map<string, string>>();
  for (const edge of doc.edges) {
    const source = resolved.get(edge.source);
    if (!ids.has(edge.source)) {
      problems.push({
        nodeId: null,
        field: `edges.${edge.id}`,
        code: 'missing-source',
        message: `edge ${edge.id} leaves from node "${edge.source}", which does not exist`,
      });
      continue;
    }
    if (!ids.has(edge.target)) {
      problems.push({
        nodeId: edge.source,
        field: `outcomes.${edge.outcome}`,
        code: 'missing-target',
        message: `outcome ${edge.outcome} leads to node "${edge.target}", which does not exist`,
      });
      continue;
    }
    if (!source) continue; // its own problems are reported already
    const sourceOutcomes = outcomes(source);
    if (!sourceOutcomes.some((o) => o.name === edge.outcome)) {
      const names = sourceOutcomes.map((o) => o.name).join(', ');
      problems.push({
        nodeId: edge.source,
        field: `outcomes.${edge.outcome}`,
        code: 'unknown-outcome',
        message: `a ${source.type.meta.label} node has no outcome "${edge.outcome}" (it has: ${names || 'none'})`,
      });
      continue;
    }
    const byOutcome = wiring.get(edge.source) ?? new Map<string, string>();
    if (byOutcome.has(edge.outcome)) {
      problems.push({
        nodeId: edge.source,
        field: `outcomes.${edge.outcome}`,
        code: 'duplicate-edge',
        message: `outcome ${edge.outcome} is wired to more than one node`,
      });
      continue;
    }
    byOutcome.set(edge.outcome, edge.target);
    wiring.set(edge.source, byOutcome);
  }

  for (const resolvedNode of resolved.values()) {
    const node = resolvedNode.node;
    const nodeOutcomes = outcomes(resolvedNode);
    const names = new Set(nodeOutcomes.map((o) => o.name));
    for (const ended of node.endCallOn) {
      if (!names.has(ended)) {
        problems.push({
          nodeId: node.id,
          field: 'endCallOn',
          code: 'unknown-outcome',
          message: `"${ended}" is not an outcome of this node`,
        });
      }
    }
    for (const o of nodeOutcomes) {
      const wired = wiring.get(node.id)?.has(o.name);
      const ends = node.endCallOn.includes(o.name);
      if (!wired && !ends) {
        problems.push({
          nodeId: node.id,
          field: `outcomes.${o.name}`,
          code: 'unwired-outcome',
          message: `outcome "${o.label}" is not connected: wire it to a node or choose to end the call there`,
        });
      } else if (wired && ends) {
        problems.push({
          nodeId: node.id,
          field: `outcomes.${o.name}`,
          code: 'duplicate-edge',
          message: `outcome "${o.label}" is both wired and set to end the call`,
        });
      }
    }
  }

  // Reachability follows every edge between existing nodes, so one bad node does not hide the rest.
  const adjacency = new Map<string, string[]>(doc.nodes.map((n) => [n.id, []]));
  for (const edge of doc.edges) {
    if (ids.has(edge.target)) adjacency.get(edge.source)?.push(edge.target);
  }
  const startId = starts.length === 1 ? starts[0]!.id : null;
  if (startId) {
    const reached = reachableFrom(startId, adjacency);
    for (const node of doc.nodes) {
      if (!reached.has(node.id)) {
        problems.push({
          nodeId: node.id,
          code: 'unreachable',
          message: 'no path from Incoming call leads here: connect it or delete it',
        });
      }
    }
  }
  for (const cycle of cycles(adjacency)) {
    const waits = cycle.some((id) => resolved.get(id)?.type.waitsForCaller);
    if (!waits && cycle.every((id) => resolved.has(id))) {
      problems.push({
        nodeId: cycle[0]!,
        code: 'loop-without-wait',
        message: `the loop ${[...cycle, cycle[0]].join(' → ')} never waits for the caller and would spin forever; add a prompt or menu to it`,
      });
    }
  }

  return { problems: sortProblems(problems, doc), resolved, wiring, startId };
}

function variableProblem(name: string, declared: Set<string>): string | null {
  if (name.startsWith('call.')) {
    return Object.hasOwn(CALL_FIELDS, name.slice(5))
      ? null
      : `there is no call field "${name.slice(5)}" (known: ${Object.keys(CALL_FIELDS).join(', ')})`;
  }
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return `"{{${name}}}" is not a variable name or call field`;
  return declared.has(name) ? null : `variable "${name}" is not declared: add it to the flow's variables`;
}

/** Problems in document order: flow-level first, then by node position in the document. */
function sortProblems(problems: Problem[], doc: FlowDocument): Problem[] {
  if (problems.length === 0) return problems;
  const order = new Map(doc.nodes.map((n, i) => [n.id, i]));
  return problems
    .map((p, i) => ({ p, i }))
    .sort(
      (a, b) =>
        (a.p.nodeId === null ? -1 : (order.get(a.p.nodeId) ?? 0)) -
          (b.p.nodeId === null ? -1 : (order.get(b.p.nodeId) ?? 0)) || a.i - b.i,
    )
    .map(({ p }) => p);
}
