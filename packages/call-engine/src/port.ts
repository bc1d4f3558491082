import type { ActionParams, CallEvent, Prompt, TransferTarget, Value } from '@parley/flow-schema';

/** What a telephony adapter knows about a call when it hands it to the engine. */
export interface CallData {
  callId: string;
  caller: string;
  callerName?: string;
  called: string;
  channel: 'sip' | 'graph' | 'sim';
  startedAt: string;
}

/**
 * The commands the engine gives a call's telephony adapter. Each resolves when the command is accepted;
 * results arrive later as engine events (`PROMPT_DONE`, `TRANSFER_FAILED`, `HANDED_OFF`, …) through
 * the session's `send`. A rejected promise is an adapter error: the engine records it and carries on.
 */
export interface TelephonyPort {
  answer(): Promise<void>;
  /** Plays a prompt whose placeholders are already filled in. */
  play(prompt: Prompt, opts: { bargeIn: boolean }): Promise<void>;
  stopPlayback(): Promise<void>;
  /** Music on hold, or the given prompt looped, until the next play or transfer. */
  hold(prompt?: Prompt): Promise<void>;
  transfer(target: TransferTarget): Promise<void>;
  voicemail(params: ActionParams['voicemail']): Promise<void>;
  hangup(reason: string): Promise<void>;
}

/** A caller waiting in a queue, as the engine hands it to the queue router. */
export interface QueueRequest extends Omit<ActionParams['enqueue'], never> {
  callId: string;
  tenantId: string;
}

/**
 * Finds agents for queued callers. It answers through the call's `send`: `QUEUE_ANSWERED`,
 * `QUEUE_OVERFLOW`, `QUEUE_NO_AGENTS`, or `HANDED_OFF` when the agent took the call over entirely.
 */
export interface QueueRouter {
  enqueue(request: QueueRequest, call: { send(event: CallEvent): void; record: RecordFn }): void;
  leave(callId: string): void;
}

/** Emits one call event record (see records.ts). */
export type RecordFn = (
  type: CallRecordType,
  data?: Record<string, Value | undefined>,
  nodeId?: string,
) => void;

export type CallRecordType =
  | 'call.started'
  | 'call.resumed'
  | 'node.entered'
  | 'node.left'
  | 'digits.received'
  | 'prompt.played'
  | 'queued'
  | 'agent.offered'
  | 'agent.answered'
  | 'transferred'
  | 'voicemail'
  | 'http.request'
  | 'call.ended'
  | 'error';
