/** A problem found in a flow document: where it is, a stable code, and what to do about it. */
export interface Problem {
  /** The node the problem is on, or null for problems of the flow as a whole. */
  nodeId: string | null;
  /** Dotted path inside the node's data (or the document, when nodeId is null), e.g. `options.2.key`. */
  field?: string;
  code: ProblemCode;
  message: string;
}

export type ProblemCode =
  | 'invalid-document'
  | 'invalid-data'
  | 'unknown-node-type'
  | 'duplicate-node-id'
  | 'start-count'
  | 'unwired-outcome'
  | 'unknown-outcome'
  | 'duplicate-edge'
  | 'missing-source'
  | 'missing-target'
  | 'unreachable'
  | 'loop-without-wait'
  | 'undefined-variable'
  | 'invalid-phone-number'
  | 'invalid-timezone'
  | 'invalid-schedule'
  | 'invalid-url'
  | 'unknown-reference'
  | 'invalid-value';

/** Thrown where a caller asked for something only a valid flow can give (compile of an invalid flow). */
export class FlowValidationError extends Error {
  override readonly name = 'FlowValidationError';
  constructor(readonly problems: Problem[]) {
    super(`flow has ${problems.length} problem(s): ${problems.map(formatProblem).join('; ')}`);
  }
}

/** One line a person can read: `menu1 options.2.key: key "A" is not a DTMF key (invalid-data)`. */
export function formatProblem(p: Problem): string {
  const where = [p.nodeId ?? 'flow', p.field].filter(Boolean).join(' ');
  return `${where}: ${p.message} (${p.code})`;
}
