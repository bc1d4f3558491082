import type { TeamsUser, TransferTarget } from '../addresses';
import type { Condition } from '../expression';
import type { Prompt } from '../prompt';
import type { ScheduleRef } from '../schedule';

/**
 * The names a compiled machine uses, with their params: the contract between the compiler (which writes
 * them) and the call engine (which implements them in `setup()`). A name not listed here is a compiler bug.
 */
export interface ActionParams {
  /** A node's state was entered: emits `node.entered`. */
  enterNode: { nodeId: string; nodeType: string };
  /** A node was left by a named outcome: emits `node.left` and counts a step toward the runaway limit. */
  leaveNode: { nodeId: string; outcome: string };
  /** The caller has spent time (heard a prompt, pressed a key, let a timer run): the runaway count starts again. */
  resetSteps: Record<string, never>;
  answer: Record<string, never>;
  play: { prompt: Prompt; bargeIn: boolean };
  /** Starts music on hold (or the given prompt, looped) while the caller waits. */
  hold: { prompt?: Prompt };
  stopPlayback: Record<string, never>;
  resetAttempts: Record<string, never>;
  countAttempt: Record<string, never>;
  clearDigits: Record<string, never>;
  /** Appends the key of the current `DTMF` event to the digit buffer. */
  appendDigit: Record<string, never>;
  /** Stores the digit buffer (without terminator) into a flow variable. */
  storeDigits: { variable: string };
  setVariables: { assignments: { variable: string; value: string; type: 'string' | 'number' | 'boolean' }[] };
  httpRequest: {
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    url: string;
    headers: { name: string; value: string }[];
    body?: string;
    timeoutMs: number;
  };
  /** Copies fields of the `HTTP_DONE` event's JSON body into flow variables. */
  storeHttpResponse: { mappings: { path: string; variable: string }[] };
  enqueue: { queueId: string; priority: number; skills: { skillId: string; minProficiency: number }[] };
  leaveQueue: Record<string, never>;
  transfer: { target: TransferTarget };
  voicemail: {
    mailbox: { kind: 'user'; user: TeamsUser } | { kind: 'shared'; address: string };
    greeting?: Prompt;
    maxLengthSeconds: number;
  };
  /** Looks the digit buffer up in the directory and transfers on a match (`DIRECTORY_NO_MATCH` otherwise). */
  directoryLookup: {
    mode: 'extension' | 'name';
    entries: { name: string; extension: string; target: TransferTarget }[];
  };
  hangup: { reason: string };
  raiseError: { code: string; message: string };
}

export interface GuardParams {
  stepLimitReached: { max: number };
  attemptsBelow: { max: number };
  digitIs: { digit: string };
  /** The digit buffer (without terminator) holds at least `min` digits. */
  digitsAtLeast: { min: number };
  scheduleIs: { schedule: ScheduleRef; timezone: string; state: 'open' | 'holiday' };
  condition: { condition: Condition };
  httpOk: Record<string, never>;
}

/** Events the telephony adapters send into a call's actor. */
export type CallEvent =
  | { type: 'DTMF'; digit: string }
  | { type: 'PROMPT_DONE' }
  | { type: 'HANGUP' }
  /** The call has left Parley (transferred, handed to voicemail): nothing more runs for it. */
  | { type: 'HANDED_OFF' }
  | { type: 'HTTP_DONE'; status: number; body: unknown }
  | { type: 'HTTP_FAILED'; reason: string }
  | { type: 'QUEUE_ANSWERED'; agentId: string }
  | { type: 'QUEUE_OVERFLOW' }
  | { type: 'QUEUE_NO_AGENTS' }
  /** The agent leg ended while the caller stays on the line (bridged calls only). */
  | { type: 'AGENT_LEFT' }
  | { type: 'TRANSFER_FAILED'; reason: string }
  | { type: 'VOICEMAIL_FAILED'; reason: string }
  | { type: 'DIRECTORY_NO_MATCH' };

export type CallEventType = CallEvent['type'];

/** The machine's own states, beside one state per node. Their keys start with `$`, which node ids cannot. */
export const TERMINAL_STATES = {
  ended: '$ended',
  callerHungUp: '$callerHungUp',
  handedOff: '$handedOff',
  runaway: '$runaway',
} as const;

export const MACHINE_ID = 'call';
