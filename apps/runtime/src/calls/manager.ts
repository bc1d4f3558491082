import { randomUUID } from 'node:crypto';
import {
  type CallCheckpoint,
  type CallData,
  type CallIdentity,
  type CallRecord,
  CallSession,
  type EndedBy,
  type QueueRouter,
  type TelephonyPort,
} from '@parley/call-engine';
import { type Db, findCallByExternalId, startCall } from '@parley/db';
import type { CompiledFlow, Prompt } from '@parley/flow-schema';
import type { Logger } from 'pino';
import type { EventSink } from '../events/sink';
import type { Metrics } from '../metrics';
import type { Router } from '../routing/router';

export type Channel = 'sip' | 'graph';

/** A call as a telephony adapter reports it, before Parley knows its tenant. */
export interface IncomingCall {
  channel: Channel;
  /** The telephony's own id of the call: Graph call id or SIP Call-ID. */
  externalId: string;
  caller: string;
  callerName?: string;
  /** The E.164 number or resource account the caller reached. */
  called: string;
}

/** A running call as an adapter holds it. */
export interface LiveCall {
  callId: string;
  send: CallSession['send'];
  /** Prompts of the flow worth fetching before the first plays. */
  prefetch: Prompt[];
}

interface Running {
  session: CallSession;
  channel: Channel;
  logger: Logger;
}

export interface CallManagerOptions {
  db: Db;
  router: Router;
  sink: EventSink;
  metrics: Metrics;
  logger: Logger;
  queues?: QueueRouter;
  /** The wall clock of calls (business hours, record times); a test moves it. */
  now?: () => Date;
}

/**
 * Runs live calls for every adapter: routes a new call to its tenant's live version, starts its
 * session, and resumes a call another process was running from its last stored checkpoint. A call
 * keeps the version it started on: the version is read once, here, and stored with the call.
 */
export class CallManager {
  private readonly running = new Map<string, Running>();

  constructor(private readonly opts: CallManagerOptions) {}

  /** Calls running in this process. */
  get activeCalls(): number {
    return this.running.size;
  }

  /** A new call: null when nothing is bound to the called address (the adapter refuses the call). */
  async incoming(call: IncomingCall, port: TelephonyPort): Promise<LiveCall | null> {
    const { router, db, metrics } = this.opts;
    const route = await router.route(call.called);
    if (!route) {
      metrics.callsRejected.inc({ channel: call.channel });
      this.opts.logger.info(
        { called: call.called, channel: call.channel },
        'no flow is bound to the called address',
      );
      return null;
    }
    const callId = randomUUID();
    const startedAt = this.opts.now?.() ?? new Date();
    await startCall(db, route.tenantId, {
      id: callId,
      externalId: call.externalId,
      flowId: route.flowId,
      version: route.version,
      channel: call.channel,
      caller: call.caller,
      called: call.called,
      startedAt,
    });
    const data: CallData = {
      callId,
      caller: call.caller,
      ...(call.callerName ? { callerName: call.callerName } : {}),
      called: call.called,
      channel: call.channel,
      startedAt: startedAt.toISOString(),
    };
    const identity = { tenantId: route.tenantId, callId, flowId: route.flowId, version: route.version };
    const schedules = await router.tenantSchedules(route.tenantId);
    const logger = this.opts.logger.child(identity);
    const session = CallSession.start({
      ...this.sessionOptions(call.channel, identity, data, port, route.compiled, logger),
      schedule: (id) => schedules[id],
    });
    this.track(call.externalId, session, call.channel, logger);
    metrics.callsStarted.inc({ channel: call.channel });
    logger.info({ caller: call.caller, called: call.called }, 'call started');
    return { callId, send: (event) => session.send(event), prefetch: prefetchable(route.compiled) };
  }

  /** A call another process (or this one, before a restart) was running; null when unknown or ended. */
  async resume(channel: Channel, externalId: string, port: TelephonyPort): Promise<LiveCall | null> {
    const live = this.running.get(externalId);
    if (live)
      return { callId: live.session.identity.callId, send: (e) => live.session.send(e), prefetch: [] };
    const found = await findCallByExternalId(this.opts.db, channel, externalId);
    if (!found || found.call.endedAt || !found.call.checkpoint) return null;
    const { call, version } = found;
    const checkpoint = call.checkpoint as CallCheckpoint;
    if (checkpoint.done) return null;
    const identity = { tenantId: call.tenantId, callId: call.id, flowId: call.flowId, version: call.version };
    const data: CallData = {
      callId: call.id,
      caller: call.caller,
      called: call.called,
      channel,
      startedAt: call.startedAt.toISOString(),
    };
    const schedules = await this.opts.router.tenantSchedules(call.tenantId);
    const logger = this.opts.logger.child(identity);
    const session = CallSession.resume({
      ...this.sessionOptions(channel, identity, data, port, version.compiled as CompiledFlow, logger),
      schedule: (id) => schedules[id],
      restore: checkpoint,
    });
    this.track(externalId, session, channel, logger);
    logger.info({ nodeId: checkpoint.nodeId, seq: checkpoint.seq }, 'call resumed from its checkpoint');
    return { callId: call.id, send: (event) => session.send(event), prefetch: [] };
  }

  /** Stops running calls in this process without ending them; their checkpoints let another resume them. */
  detachAll(): void {
    for (const { session } of this.running.values()) session.detach();
    this.running.clear();
    this.opts.metrics.activeCalls.reset();
  }

  private sessionOptions(
    channel: Channel,
    identity: CallIdentity,
    call: CallData,
    port: TelephonyPort,
    compiled: CompiledFlow,
    logger: Logger,
  ) {
    const { sink, metrics } = this.opts;
    return {
      compiled,
      identity,
      call,
      port,
      ...(this.opts.queues ? { queues: this.opts.queues } : {}),
      ...(this.opts.now ? { now: this.opts.now } : {}),
      sink: {
        write: (record: CallRecord) => {
          if (record.type === 'error') {
            logger.warn({ nodeId: record.nodeId, ...record.data }, 'call error');
            if (record.data.code === 'adapter')
              metrics.adapterErrors.inc({ channel, command: String(record.data.command) });
          }
          sink.write(record);
        },
      },
      onCheckpoint: (checkpoint: CallCheckpoint) =>
        sink.checkpoint(identity.tenantId, identity.callId, checkpoint),
    };
  }

  private track(externalId: string, session: CallSession, channel: Channel, logger: Logger): void {
    this.running.set(externalId, { session, channel, logger });
    this.opts.metrics.activeCalls.inc({ channel });
    void session.ended().then((by: EndedBy) => {
      this.running.delete(externalId);
      this.opts.metrics.activeCalls.dec({ channel });
      this.opts.metrics.callsEnded.inc({ channel, ended_by: by });
      logger.info({ endedBy: by, state: session.nodeId }, 'call ended');
    });
  }
}

/** Fixed text and uploaded prompts of a flow: the ones that can be fetched before the call needs them. */
function prefetchable(compiled: CompiledFlow): Prompt[] {
  const prompts = new Map<string, Prompt>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    if (record.type === 'play' && record.params && typeof record.params === 'object') {
      const prompt = (record.params as { prompt?: Prompt }).prompt;
      if (prompt && !(prompt.kind === 'tts' && prompt.text.includes('{{')))
        prompts.set(JSON.stringify(prompt), prompt);
    }
    for (const child of Object.values(record)) visit(child);
  };
  visit(compiled.machine);
  return [...prompts.values()];
}
