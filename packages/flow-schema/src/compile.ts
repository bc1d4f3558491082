import { canonicalJson, hashText } from './canonical';
import type { FlowDocument } from './document';
import { MACHINE_ID, TERMINAL_STATES } from './machine/contract';
import type { ActionJson, MachineJson, StateJson, TransitionJson, TransitionsJson } from './machine/json';
import { action, type CompileContext, guard } from './node-type';
import type { Problem } from './problems';
import { analyzeFlow, type ValidateOptions } from './validate';

/** Bumped when the same document would compile to different JSON; part of every compiled flow. */
export const COMPILER_VERSION = 2;

/** A flow compiled for the call engine: the machine, where each node lives in it, and its identity. */
export interface CompiledFlow {
  machine: MachineJson;
  /** node id -> XState state id (`call.<nodeId>`). */
  stateIds: Record<string, string>;
  /** sha256 of the canonical JSON of `machine`. */
  hash: string;
  compilerVersion: number;
}

export type CompileResult = { ok: true; compiled: CompiledFlow } | { ok: false; problems: Problem[] };

/**
 * Compiles a valid flow into a plain-JSON XState machine. The same document always gives byte-identical
 * JSON (keys sorted), so the hash identifies what a call runs; positions and labels do not change it.
 */
export function compileFlow(doc: FlowDocument, opts: ValidateOptions = {}): CompileResult {
  const analysis = analyzeFlow(doc, opts);
  if (analysis.problems.length > 0 || !analysis.startId) return { ok: false, problems: analysis.problems };

  const states: Record<string, StateJson> = {};
  const stateIds: Record<string, string> = {};
  const variables = new Map(doc.variables.map((v) => [v.name, v]));
  const nodes = [...analysis.resolved.values()].sort((a, b) => (a.node.id < b.node.id ? -1 : 1));
  for (const { node, type, data } of nodes) {
    const wired = analysis.wiring.get(node.id);
    const ctx: CompileContext = {
      nodeId: node.id,
      settings: doc.settings,
      variables,
      outcome: (name, extra = {}) => {
        const target = wired?.get(name);
        const leave = action('leaveNode', { nodeId: node.id, outcome: name });
        const transition: TransitionJson = {
          ...(extra.guard ? { guard: extra.guard } : {}),
          target: `#${MACHINE_ID}.${target ?? TERMINAL_STATES.ended}`,
          actions: [
            ...(extra.actions ?? []),
            leave,
            ...(target ? [] : [action('hangup', { reason: `${node.id}.${name}` })]),
          ],
        };
        // A node wired to itself must be left and entered again, so its entry actions run anew.
        if (target === node.id) transition.reenter = true;
        return transition;
      },
    };
    const state = resetStepsWhenWaited(type.compile(data, ctx));
    const entry: ActionJson[] = [action('enterNode', { nodeId: node.id, nodeType: type.type })];
    states[node.id] = { ...state, entry: [...entry, ...(state.entry ?? [])], meta: { nodeId: node.id } };
    stateIds[node.id] = `${MACHINE_ID}.${node.id}`;
  }
  states[TERMINAL_STATES.ended] = { type: 'final' };
  states[TERMINAL_STATES.callerHungUp] = { type: 'final' };
  states[TERMINAL_STATES.handedOff] = { type: 'final' };
  states[TERMINAL_STATES.runaway] = {
    type: 'final',
    entry: [
      action('raiseError', {
        code: 'runaway',
        message: `more than ${doc.settings.maxSteps} steps without waiting for the caller`,
      }),
      action('hangup', { reason: 'runaway' }),
    ],
  };

  const machine: MachineJson = {
    id: MACHINE_ID,
    initial: analysis.startId,
    context: {
      vars: Object.fromEntries(doc.variables.map((v) => [v.name, v.default ?? null])),
      steps: 0,
      attempts: 0,
      digits: '',
    },
    // Checked after every step: a flow that never waits for the caller ends instead of spinning.
    always: {
      guard: guard('stepLimitReached', { max: doc.settings.maxSteps }),
      target: `.${TERMINAL_STATES.runaway}`,
    },
    on: {
      HANGUP: { target: `.${TERMINAL_STATES.callerHungUp}` },
      HANDED_OFF: { target: `.${TERMINAL_STATES.handedOff}` },
    },
    states,
  };
  // One serialisation serves both the stored machine (keys sorted) and its hash.
  const text = canonicalJson(machine);
  const canonical = JSON.parse(text) as MachineJson;
  return {
    ok: true,
    compiled: { machine: canonical, stateIds, hash: hashText(text), compilerVersion: COMPILER_VERSION },
  };
}

/** Events that only come after the caller has spent time: a prompt heard, a key pressed, a timer run out. */
const WAITED_EVENTS = ['PROMPT_DONE', 'DTMF'];

/**
 * Adds `resetSteps` to every transition taken after the caller has spent time, at any depth of a
 * node's state. The runaway count then measures steps taken without waiting, whatever the node type.
 */
function resetStepsWhenWaited(state: StateJson): StateJson {
  const reset = (t: TransitionsJson): TransitionsJson =>
    Array.isArray(t)
      ? t.map((one) => reset(one) as TransitionJson)
      : { ...t, actions: [action('resetSteps'), ...(t.actions ?? [])] };
  const on =
    state.on &&
    Object.fromEntries(
      Object.entries(state.on).map(([event, t]) => [event, WAITED_EVENTS.includes(event) ? reset(t) : t]),
    );
  const after =
    state.after && Object.fromEntries(Object.entries(state.after).map(([delay, t]) => [delay, reset(t)]));
  const states =
    state.states &&
    Object.fromEntries(
      Object.entries(state.states).map(([key, child]) => [key, resetStepsWhenWaited(child)]),
    );
  return { ...state, ...(on && { on }), ...(after && { after }), ...(states && { states }) };
}

/** The compiled flow as the bytes that are stored and hashed. */
export function serializeCompiled(compiled: CompiledFlow): string {
  return canonicalJson(compiled);
}
