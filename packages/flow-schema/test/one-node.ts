import { type FlowDocumentInput, getNodeType, type Problem, parseFlow, validateFlow } from '../src';

/**
 * A flow of one node under test: the start leads to it and each of its outcomes to a hang-up node
 * named after the outcome, so a test reads where the call went as `call.node === 'timeout'`.
 */
export function oneNodeFlow(
  type: string,
  data: Record<string, unknown>,
  extra: Partial<FlowDocumentInput> = {},
): FlowDocumentInput {
  const nodeType = getNodeType(type);
  if (!nodeType) throw new Error(`no node type ${type}`);
  const parsed = nodeType.data.safeParse(data);
  const outcomes = parsed.success ? nodeType.outcomes(parsed.data).map((o) => o.name) : [];
  return {
    schemaVersion: 1,
    name: `One ${type}`,
    ...extra,
    nodes: [
      { id: 'start', type: 'start', data: {} },
      { id: 'node', type, data },
      ...outcomes.map((o) => ({ id: `out_${o}`, type: 'hangup', data: { reason: o } })),
    ],
    edges: [
      { id: 'e-start', source: 'start', outcome: 'next', target: 'node' },
      ...outcomes.map((o) => ({ id: `e-${o}`, source: 'node', outcome: o, target: `out_${o}` })),
    ],
  };
}

/** The problems of a flow, parse problems included. */
export function problemsOf(input: unknown): Problem[] {
  const parsed = parseFlow(input);
  return parsed.ok ? validateFlow(parsed.document) : parsed.problems;
}
