/**
 * The plain-JSON subset of an XState v5 machine config the compiler emits. Actions, guards and delays
 * are referenced by name with params; their implementations live in the call engine's `setup()`.
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface ActionJson {
  type: string;
  params?: Record<string, unknown>;
}
export interface GuardJson {
  type: string;
  params?: Record<string, unknown>;
}
export interface TransitionJson {
  target?: string;
  guard?: GuardJson;
  actions?: ActionJson[];
  reenter?: boolean;
}
export type TransitionsJson = TransitionJson | TransitionJson[];

export interface StateJson {
  type?: 'final' | 'compound' | 'atomic';
  initial?: string;
  entry?: ActionJson[];
  exit?: ActionJson[];
  on?: Record<string, TransitionsJson>;
  always?: TransitionsJson;
  /** Delays in milliseconds, as XState reads numeric keys. */
  after?: Record<string, TransitionsJson>;
  states?: Record<string, StateJson>;
  /**
   * `nodeId` on a node's state; `resume` on a state whose work lives outside the call's snapshot (a
   * queue's waiting list): effects the engine performs again when a call is resumed in that state.
   */
  meta?: { nodeId?: string; resume?: ActionJson[] };
}

export interface MachineJson extends StateJson {
  id: string;
  initial: string;
  context: Record<string, unknown>;
  states: Record<string, StateJson>;
}
