import {
  type ActionParams,
  type CallContext,
  type CallEvent,
  type CompiledFlow,
  type InlineSchedule,
  type Prompt,
  renderTemplate,
  TERMINAL_STATES,
  type Value,
} from '@parley/flow-schema';
import { type Actor, type AnyStateMachine, createActor, type EventObject } from 'xstate';
import { type MachineHooks, machineFor, performResumeEffects, registerCall, unregisterCall } from './machine';
import type { CallData, CallRecordType, QueueRouter, TelephonyPort } from './port';
import type { CallIdentity, CallRecord, EndedBy, RecordSink } from './records';
import type { CallRuntime } from './runtime';
import type { Clock } from './sim/clock';

/** A timer the call was waiting on when its checkpoint was taken. */
export interface PendingTimer {
  id: string;
  event: EventObject;
  /** Wall-clock milliseconds at which it fires. */
  dueAt: number;
}

/**
 * Everything needed to carry on a call in another process: the actor's persisted snapshot, the record
 * sequence, and the timers XState keeps outside its snapshot. Plain JSON.
 */
export interface CallCheckpoint {
  actor: unknown;
  seq: number;
  nodeId: string | null;
  timers: PendingTimer[];
  done: boolean;
}

export interface CallSessionOptions {
  compiled: CompiledFlow;
  identity: CallIdentity;
  call: CallData;
  port: TelephonyPort;
  sink: RecordSink;
  queues?: QueueRouter;
  /** XState's clock: a SimulatedClock in tests. */
  clock?: Clock;
  now?: () => Date;
  schedule?: (id: string) => InlineSchedule | undefined;
  fetch?: typeof fetch;
  /** Called after every step with the state to store; restore from it with `restore`. */
  onCheckpoint?: (checkpoint: CallCheckpoint) => void;
  restore?: CallCheckpoint;
}

const noQueues: QueueRouter = {
  enqueue: (_request, call) => call.send({ type: 'QUEUE_NO_AGENTS' }),
  leave: () => {},
};

const endedBy: Record<string, EndedBy> = {
  [TERMINAL_STATES.callerHungUp]: 'caller',
  [TERMINAL_STATES.handedOff]: 'handoff',
  [TERMINAL_STATES.runaway]: 'error',
};

/** One live call: an XState actor over a compiled flow, wired to a telephony port and a record sink. */
export class CallSession {
  readonly identity: CallIdentity;
  private readonly actor: Actor<AnyStateMachine>;
  // Web Crypto: the engine also runs in the designer's browser simulator.
  private readonly session = globalThis.crypto.randomUUID();
  private seq: number;
  private current: string | null;
  private endedWith: EndedBy | null = null;
  private readonly finished: Promise<EndedBy>;
  private resolveFinished!: (by: EndedBy) => void;

  private constructor(private readonly opts: CallSessionOptions) {
    this.identity = opts.identity;
    this.seq = opts.restore?.seq ?? 0;
    this.current = opts.restore?.nodeId ?? null;
    this.finished = new Promise((resolve) => {
      this.resolveFinished = resolve;
    });
    const machine = machineFor(opts.compiled);
    registerCall(this.session, this.runtime());
    // A restored snapshot carries the key of the session that saved it: this session takes over.
    const snapshot = opts.restore && withSession(opts.restore.actor, this.session);
    this.actor = createActor(machine, {
      input: { call: callFields(opts.call), session: this.session },
      ...(opts.clock ? { clock: opts.clock } : {}),
      ...(snapshot ? { snapshot: snapshot as never } : {}),
    });
    this.actor.subscribe({
      next: () => this.afterStep(),
      error: (error) => this.fail(error as Error),
    });
  }

  /** Starts a new call at the flow's start node. */
  static start(opts: Omit<CallSessionOptions, 'restore'>): CallSession {
    const session = new CallSession(opts);
    const { caller, called, channel } = opts.call;
    session.record('call.started', { caller, called, channel });
    session.actor.start();
    return session;
  }

  /** Carries on a call from a checkpoint, e.g. after the runtime restarted mid-call. */
  static resume(opts: CallSessionOptions & { restore: CallCheckpoint }): CallSession {
    const session = new CallSession(opts);
    session.record('call.resumed', {}, session.current ?? undefined);
    session.actor.start();
    const system = session.actor.system;
    for (const timer of opts.restore.timers) {
      system.scheduler.schedule(
        session.actor,
        session.actor,
        timer.event,
        Math.max(0, timer.dueAt - Date.now()),
        timer.id,
      );
    }
    performResumeEffects(session.session, session.actor.getSnapshot().getMeta());
    return session;
  }

  /** Delivers a telephony event to the call. Events after the call ended are ignored. */
  send(event: CallEvent): void {
    if (this.endedWith) return;
    if (event.type === 'DTMF')
      this.record('digits.received', { digit: event.digit }, this.current ?? undefined);
    this.actor.send(event);
  }

  /** The node the call is in, or a `$` state once it ended. */
  get nodeId(): string | null {
    return this.current;
  }

  get done(): boolean {
    return this.endedWith !== null;
  }

  /** Resolves with who ended the call, once it has ended. */
  ended(): Promise<EndedBy> {
    return this.finished;
  }

  /** The state to store now (also given to `onCheckpoint` after every step). */
  checkpoint(): CallCheckpoint {
    const timers = Object.values(this.actor.system.getSnapshot()._scheduledEvents)
      .filter((t) => t.source === this.actor)
      .map((t) => ({ id: t.id, event: t.event, dueAt: t.startedAt + t.delay }));
    return {
      actor: this.actor.getPersistedSnapshot(),
      seq: this.seq,
      nodeId: this.current,
      timers,
      done: this.done,
    };
  }

  /** Stops running the call in this process without ending it (runtime shutdown). */
  detach(): void {
    this.actor.stop();
    unregisterCall(this.session);
  }

  private context(): CallContext {
    return this.actor.getSnapshot().context as CallContext;
  }

  private record(type: CallRecordType, data: Record<string, Value | undefined> = {}, nodeId?: string): void {
    this.seq += 1;
    const clean: Record<string, Value> = {};
    for (const [k, v] of Object.entries(data)) if (v !== undefined) clean[k] = v;
    const record: CallRecord = {
      ...this.identity,
      seq: this.seq,
      at: (this.opts.now?.() ?? new Date()).toISOString(),
      type,
      nodeId: nodeId ?? null,
      data: clean,
    };
    this.opts.sink.write(record);
  }

  private enterNode(p: ActionParams['enterNode']): void {
    this.current = p.nodeId;
    this.record('node.entered', { nodeType: p.nodeType }, p.nodeId);
  }

  private leaveNode(p: ActionParams['leaveNode']): void {
    this.record('node.left', { outcome: p.outcome }, p.nodeId);
  }

  private afterStep(): void {
    const snapshot = this.actor.getSnapshot();
    if (snapshot.status === 'done' && !this.endedWith) {
      const final = typeof snapshot.value === 'string' ? snapshot.value : Object.keys(snapshot.value)[0]!;
      this.endedWith = endedBy[final] ?? 'flow';
      this.record('call.ended', { by: this.endedWith, state: final }, this.current ?? undefined);
      this.current = final.startsWith('$') ? final : this.current;
      this.opts.queues?.leave(this.identity.callId);
    }
    this.opts.onCheckpoint?.(this.checkpoint());
    if (this.endedWith) this.finish(this.endedWith);
  }

  private finish(by: EndedBy): void {
    unregisterCall(this.session);
    this.resolveFinished(by);
  }

  private fail(error: Error): void {
    this.record('error', { code: 'engine', message: error.message }, this.current ?? undefined);
    this.endedWith = 'error';
    this.record('call.ended', { by: 'error' }, this.current ?? undefined);
    this.opts.port.hangup('engine-error').catch(() => {});
    this.opts.onCheckpoint?.(this.checkpoint());
    this.finish('error');
  }

  private runtime(): CallRuntime & MachineHooks {
    const self = this;
    const { port, identity } = this.opts;
    return {
      enterNode: (p) => this.enterNode(p),
      leaveNode: (p) => this.leaveNode(p),
      callId: identity.callId,
      tenantId: identity.tenantId,
      port,
      queues: this.opts.queues ?? noQueues,
      fetch: this.opts.fetch ?? fetch,
      env: { now: () => this.opts.now?.() ?? new Date(), schedule: (id) => this.opts.schedule?.(id) },
      get nodeId() {
        return self.current;
      },
      scope: () => ({ vars: this.context().vars, call: this.context().call }),
      digits: () => this.context().digits,
      // Results of effects arrive after the step that caused them, never inside it.
      send: (event) => queueMicrotask(() => this.send(event)),
      record: (type, data, nodeId) => this.record(type, data, nodeId),
      fill: (prompt: Prompt) =>
        prompt.kind === 'tts'
          ? {
              ...prompt,
              text: renderTemplate(prompt.text, { vars: this.context().vars, call: this.context().call }),
            }
          : prompt,
      run: (what, command, onError) => {
        Promise.resolve()
          .then(command)
          .catch((error: Error) => {
            this.record(
              'error',
              { code: 'adapter', command: what, message: error.message },
              this.current ?? undefined,
            );
            onError?.(error);
          });
      },
    };
  }
}

function withSession(snapshot: unknown, session: string): unknown {
  const s = snapshot as { context: Record<string, unknown> };
  return { ...s, context: { ...s.context, session } };
}

function callFields(call: CallData): Record<string, Value> {
  return {
    callId: call.callId,
    caller: call.caller,
    callerName: call.callerName ?? null,
    called: call.called,
    channel: call.channel,
    startedAt: call.startedAt,
  };
}
