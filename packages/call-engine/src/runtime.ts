import type { CallEvent, GuardEnv, Prompt, Scope } from '@parley/flow-schema';
import type { QueueRouter, RecordFn, TelephonyPort } from './port';

/**
 * What an action implementation can reach of its call: the port, the queue router, and the ways to
 * feed results back (`send`) and to say what happened (`record`). One per live call.
 */
export interface CallRuntime {
  readonly callId: string;
  readonly tenantId: string;
  readonly port: TelephonyPort;
  readonly queues: QueueRouter;
  readonly fetch: typeof fetch;
  readonly env: GuardEnv;
  /** The node the call is in now. */
  readonly nodeId: string | null;
  /** Flow variables and call data as they are now, for placeholders. */
  scope(): Scope;
  /** The keys collected so far at the current node. */
  digits(): string;
  send(event: CallEvent): void;
  record: RecordFn;
  /** A prompt with its placeholders filled in from the current scope. */
  fill(prompt: Prompt): Prompt;
  /** Runs an adapter command; a failure is recorded as an error and then handled by `onError`. */
  run(what: string, command: () => Promise<void>, onError?: (error: Error) => void): void;
}
