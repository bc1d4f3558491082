import { canonicalize, canonicalJson } from './canonical';
import type { FlowDocument } from './document';
import { hashJson } from './hash';
import { MACHINE_ID, TERMINAL_STATES } from './machine/contract';
import type { ActionJson, GuardJson, MachineJson, StateJson, TransitionJson } from './machine/json';
import { machineState } from './node-state';
import { action, type CompileContext, guard } from './node-type';
import type { Problem } from './problems';
import { analyzeFlow, type ValidateOptions } from './validate';

/** Bumped when the same document would compile to different JSON; part of every compiled flow. */
export const COMPILER_VERSION = 2;

/** A flow compiled for the call engine: the machine, where each node lives in it, and its identity. */
export interface CompiledFlow {
  /**
   * Plain JSON in canonical form (keys sorted at every depth). A list of transitions that several of
   * a node's states use is one shared array, so treat the machine as read-only.
   */
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

  const settings = doc.settings;
  // Each state is put in its stored form as soon as it is built, so what that replaces dies young.
  const built = new Map<string, StateJson>([
    [TERMINAL_STATES.ended, { type: 'final' }],
    [TERMINAL_STATES.callerHungUp, { type: 'final' }],
    [TERMINAL_STATES.handedOff, { type: 'final' }],
    [
      TERMINAL_STATES.runaway,
      canonicalize<StateJson>({
        type: 'final',
        entry: [
          action('raiseError', {
            code: 'runaway',
            message: `more than ${settings.maxSteps} steps without waiting for the caller`,
          }),
          action('hangup', { reason: 'runaway' }),
        ],
      }),
    ],
  ]);
  const stateIds: Record<string, string> = {};
  const variables = new Map(doc.variables.map((v) => [v.name, v]));
  const nodes = [...analysis.resolved.values()].sort((a, b) => (a.node.id < b.node.id ? -1 : 1));
  for (const { node, type, data } of nodes) {
    const nodeId = node.id;
    const wired = analysis.wiring.get(nodeId);
    const ctx: CompileContext = {
      nodeId,
      settings,
      variables,
      outcome: outcomeTransition.bind(null, nodeId, wired),
    };
    const state = type.compile(data, ctx);
    const enter = action('enterNode', { nodeId, nodeType: type.type });
    const entry = state.entry ? [enter, ...state.entry] : [enter];
    built.set(nodeId, machineState({ ...state, entry, meta: { nodeId } }));
    stateIds[nodeId] = `${MACHINE_ID}.${nodeId}`;
  }

  // Added in sorted order, so the states, too, are in canonical form.
  const states: Record<string, StateJson> = {};
  for (const key of [...built.keys()].sort()) states[key] = built.get(key)!;

  const machine: MachineJson = {
    ...canonicalize({
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
        guard: guard('stepLimitReached', { max: settings.maxSteps }),
        target: `.${TERMINAL_STATES.runaway}`,
      },
      on: {
        HANGUP: { target: `.${TERMINAL_STATES.callerHungUp}` },
        HANDED_OFF: { target: `.${TERMINAL_STATES.handedOff}` },
      },
    }),
    // `states` sorts after the machine's other keys.
    states,
  };
  return {
    ok: true,
    // The stored machine is in canonical form (keys sorted), so its JSON is the text the hash is of.
    compiled: { machine, stateIds, hash: hashJson(machine), compilerVersion: COMPILER_VERSION },
  };
}

/** The transition that leaves a node by an outcome: to the wired node, or ending the call. */
function outcomeTransition(
  nodeId: string,
  wired: ReadonlyMap<string, string> | undefined,
  name: string,
  extra: { guard?: GuardJson; actions?: ActionJson[] } = {},
): TransitionJson {
  const target = wired?.get(name);
  // Arrays are written at their final length: they live as long as the compiled flow.
  const leave = action('leaveNode', { nodeId, outcome: name });
  const own = extra.actions ?? [];
  const actions = target
    ? [...own, leave]
    : [...own, leave, action('hangup', { reason: `${nodeId}.${name}` })];
  const transition: TransitionJson = { actions };
  if (extra.guard) transition.guard = extra.guard;
  // A node wired to itself must be left and entered again, so its entry actions run anew.
  if (target === nodeId) transition.reenter = true;
  transition.target = `#${MACHINE_ID}.${target ?? TERMINAL_STATES.ended}`;
  return transition;
}

/** The compiled flow as the bytes that are stored and hashed. */
export function serializeCompiled(compiled: CompiledFlow): string {
  return canonicalJson(compiled);
}
