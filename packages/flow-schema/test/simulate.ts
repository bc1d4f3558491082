import { type AnyActorRef, assign, createActor, SimulatedClock, setup } from 'xstate';
import {
  type ActionJson,
  type CallContext,
  type CallEvent,
  CONTEXT_ACTIONS,
  compileFlow,
  contextSemantics,
  type FlowDocumentInput,
  guardSemantics,
  type InlineSchedule,
  parseFlow,
  type Value,
} from '../src';

/**
 * Runs a flow document through XState with the shared guard and context semantics, recording every
 * effect action instead of performing it. The test stand-in for the call engine's telephony port.
 */
export function simulate(
  input: FlowDocumentInput,
  opts: { now?: Date; schedules?: Record<string, InlineSchedule>; call?: Record<string, Value> } = {},
) {
  const parsed = parseFlow(input);
  if (!parsed.ok) throw new Error(`flow does not parse: ${JSON.stringify(parsed.problems)}`);
  const result = compileFlow(parsed.document);
  if (!result.ok) throw new Error(`flow does not compile: ${JSON.stringify(result.problems, null, 1)}`);
  const { machine: json } = result.compiled;

  const effects: ActionJson[] = [];
  const path: { nodeId: string; outcome: string }[] = [];
  const entered: string[] = [];
  const env = {
    now: () => opts.now ?? new Date('2026-11-24T10:00:00Z'),
    schedule: (id: string) => opts.schedules?.[id],
  };
  const record = (type: string) => (_: unknown, params: Record<string, unknown> | undefined) => {
    effects.push(params === undefined ? { type } : { type, params });
  };
  const effectNames = new Set<string>();
  const walk = (state: Record<string, unknown>) => {
    const lists = [state.entry, state.exit];
    for (const t of Object.values((state.on ?? {}) as object))
      lists.push(([] as unknown[]).concat(t).flatMap((x) => (x as { actions?: unknown }).actions ?? []));
    for (const t of Object.values((state.after ?? {}) as object))
      lists.push(([] as unknown[]).concat(t).flatMap((x) => (x as { actions?: unknown }).actions ?? []));
    lists.push(
      ([] as unknown[]).concat(state.always ?? []).flatMap((x) => (x as { actions?: unknown }).actions ?? []),
    );
    for (const a of lists.flat()) if (a) effectNames.add((a as ActionJson).type);
    for (const child of Object.values((state.states ?? {}) as Record<string, Record<string, unknown>>))
      walk(child);
  };
  walk(json as unknown as Record<string, unknown>);

  const actions: Record<string, unknown> = {};
  for (const name of effectNames) actions[name] = record(name);
  for (const name of CONTEXT_ACTIONS) {
    actions[name] = assign(({ context, event }: { context: CallContext; event: CallEvent }, params: never) =>
      (contextSemantics[name] as (c: CallContext, e: CallEvent, p: unknown) => Partial<CallContext>)(
        context,
        event,
        params,
      ),
    );
  }
  actions.leaveNode = assign(
    ({ context }: { context: CallContext }, params: { nodeId: string; outcome: string }) => {
      path.push(params);
      return contextSemantics.leaveNode(context, { type: 'PROMPT_DONE' }, params);
    },
  );
  actions.enterNode = (_: unknown, params: { nodeId: string }) => entered.push(params.nodeId);
  const guards = Object.fromEntries(
    Object.entries(guardSemantics).map(([name, fn]) => [
      name,
      ({ context, event }: { context: CallContext; event: CallEvent }, params: unknown) =>
        (fn as (c: CallContext, e: CallEvent, p: unknown, env: unknown) => boolean)(
          context,
          event,
          params,
          env,
        ),
    ]),
  );

  // biome-ignore lint/suspicious/noExplicitAny: the compiled JSON is typed by the contract, not by XState's generics
  const machine = setup({ actions: actions as any, guards: guards as any }).createMachine({
    ...(json as object),
    context: {
      ...json.context,
      call: { callId: 'sim-1', caller: '+14255550100', called: '+14255550199', channel: 'sim', ...opts.call },
    },
    // biome-ignore lint/suspicious/noExplicitAny: see above
  } as any);
  const clock = new SimulatedClock();
  const actor: AnyActorRef = createActor(machine, { clock });
  actor.start();

  const snapshot = () => actor.getSnapshot() as { value: unknown; context: CallContext; status: string };
  return {
    compiled: result.compiled,
    effects,
    path,
    entered,
    send: (event: CallEvent) => actor.send(event),
    /** Moves the simulated clock on, firing due timers. */
    advance: (ms: number) => clock.increment(ms),
    get node(): string {
      const value = snapshot().value;
      return typeof value === 'string' ? value : Object.keys(value as object)[0]!;
    },
    get value() {
      return snapshot().value;
    },
    get vars() {
      return snapshot().context.vars;
    },
    get done() {
      return snapshot().status === 'done';
    },
    /** The effects of one type, in order. */
    effectsOf: (type: string) => effects.filter((e) => e.type === type),
  };
}
