import type { Value } from '@parley/flow-schema';
import type { CallRecordType } from './port';

/** Which call a record belongs to: every record carries it, so a batch can be written as is. */
export interface CallIdentity {
  tenantId: string;
  callId: string;
  flowId: string;
  version: number;
}

/**
 * One thing that happened on a call, in order: `seq` counts from 1 per call with no gaps, so a
 * reader can tell a lost record from a quiet call, and a writer can make a retried write idempotent.
 */
export interface CallRecord extends CallIdentity {
  seq: number;
  at: string;
  type: CallRecordType;
  nodeId: string | null;
  data: Record<string, Value>;
}

/** Where records go: the runtime's batching database sink, the simulator's panel, a test's array. */
export interface RecordSink {
  write(record: CallRecord): void;
}

/** Who ended a call, read from the final state the machine reached. */
export type EndedBy = 'caller' | 'flow' | 'handoff' | 'error';
