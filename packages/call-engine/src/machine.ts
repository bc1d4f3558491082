import {
  type ActionParams,
  type CallContext,
  type CallEvent,
  CONTEXT_ACTIONS,
  type CompiledFlow,
  contextSemantics,
  guardSemantics,
  type Prompt,
  renderTemplate,
} from '@parley/flow-schema';
import { type AnyStateMachine, assign, enqueueActions, setup } from 'xstate';
import { coreEffects, type Effects } from './effects';
import { directoryLookup } from './nodes/directory/run';
import { httpRequest } from './nodes/httpRequest/run';
import { enqueue, leaveQueue } from './nodes/queue/run';
import { transfer } from './nodes/transfer/run';
import { voicemail } from './nodes/voicemail/run';
import type { CallRuntime } from './runtime';

/** Every effect action of the machine contract, by name. A new node type's effects are added here. */
export const effects: Effects = {
  ...coreEffects,
  httpRequest,
  enqueue,
  leaveQueue,
  transfer,
  voicemail,
  directoryLookup,
};

/** The hooks a call's runtime offers the machine besides effects: node entry and exit. */
export interface MachineHooks {
  enterNode(params: ActionParams['enterNode']): void;
  leaveNode(params: ActionParams['leaveNode']): void;
}

type Live = CallRuntime & MachineHooks;

// Machines are built once per compiled flow and shared by its calls. Guards get no actor reference
// from XState, only the context, so implementations find their call by the session key in it.
const calls = new Map<string, Live>();
const machines = new Map<string, AnyStateMachine>();

/** Makes a call's runtime reachable from its machine under a session key, before its actor exists. */
export function registerCall(session: string, call: Live): void {
  calls.set(session, call);
}

/** Forgets a call's runtime once its actor has stopped. */
export function unregisterCall(session: string): void {
  calls.delete(session);
}

/** What a call's actor remembers: the flow's context plus the key of the session running it. */
export type EngineContext = CallContext & { session: string };

function callOf(context: EngineContext): Live {
  const call = calls.get(context.session);
  if (!call) throw new Error(`no live call for session ${context.session}`);
  return call;
}

type Args = { context: EngineContext; event: CallEvent };

/**
 * The call as an effect of this step sees it: XState runs a step's actions before the actor's snapshot
 * moves on, so variables and digits come from the step's own context (a variable stored on the way into
 * a node is already there for the node's entry effects).
 */
function atStep(call: Live, context: CallContext): Live {
  const scope = () => ({ vars: context.vars, call: context.call });
  return Object.assign(Object.create(call) as Live, {
    scope,
    digits: () => context.digits,
    fill: (prompt: Prompt) =>
      prompt.kind === 'tts' ? { ...prompt, text: renderTemplate(prompt.text, scope()) } : prompt,
  });
}
type Impl = (args: Args, params: never) => unknown;

function implementations() {
  const actions: Record<string, unknown> = {};
  for (const name of CONTEXT_ACTIONS) {
    const update = contextSemantics[name] as (
      c: CallContext,
      e: CallEvent,
      p: unknown,
    ) => Partial<CallContext>;
    actions[name] = assign(({ context, event }: Args, params: unknown) => update(context, event, params));
  }
  actions.leaveNode = enqueueActions(({ enqueue, context }, params: ActionParams['leaveNode']) => {
    enqueue.assign(({ context: c }: { context: CallContext }) =>
      contextSemantics.leaveNode(c, { type: 'PROMPT_DONE' }, params),
    );
    enqueue(() => callOf(context as EngineContext).leaveNode(params));
  });
  actions.enterNode = ({ context }: Args, params: ActionParams['enterNode']) =>
    callOf(context).enterNode(params);
  for (const [name, effect] of Object.entries(effects)) {
    actions[name] = ({ context }: Args, params: unknown) =>
      (effect as (c: CallRuntime, p: unknown) => void)(atStep(callOf(context), context), params);
  }
  const guards: Record<string, Impl> = {};
  for (const [name, guard] of Object.entries(guardSemantics)) {
    const check = guard as (c: CallContext, e: CallEvent, p: unknown, env: CallRuntime['env']) => boolean;
    guards[name] = ({ context, event }: Args, params: unknown) =>
      check(context, event, params, callOf(context).env);
  }
  return { actions, guards };
}

/** The XState machine of a compiled flow, built once per flow hash. */
export function machineFor(compiled: CompiledFlow): AnyStateMachine {
  const cached = machines.get(compiled.hash);
  if (cached) return cached;
  const { actions, guards } = implementations();
  const { context, ...config } = compiled.machine;
  const machine = setup({
    // biome-ignore lint/suspicious/noExplicitAny: implementations are typed by the flow contract, not XState's generics
    actions: actions as any,
    // biome-ignore lint/suspicious/noExplicitAny: as above
    guards: guards as any,
  }).createMachine({
    ...(config as object),
    context: ({ input }: { input: { call: CallContext['call']; session: string } }) => ({
      ...(context as object),
      call: input.call,
      session: input.session,
    }),
    // biome-ignore lint/suspicious/noExplicitAny: the compiled JSON is checked by the compiler's own tests
  } as any);
  machines.set(compiled.hash, machine);
  return machine;
}

/**
 * Performs again the effects the active states of a restored call declare under `meta.resume` (a queue
 * re-joins its waiting list): their first run happened in the process that saved the checkpoint.
 */
export function performResumeEffects(session: string, metas: Record<string, unknown>): void {
  const call = calls.get(session);
  if (!call) throw new Error(`no live call for session ${session}`);
  for (const meta of Object.values(metas)) {
    const resume = (meta as { resume?: { type: string; params?: unknown }[] } | undefined)?.resume ?? [];
    for (const action of resume) {
      const effect = effects[action.type as keyof Effects] as
        | ((c: CallRuntime, p: unknown) => void)
        | undefined;
      if (!effect)
        throw new Error(`a compiled state asks to resume with "${action.type}", which is not an effect`);
      effect(call, action.params ?? {});
    }
  }
}
