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
import { type CallEvent, type CompiledFlow, fixedPrompts, type Prompt } from '@parley/flow-schema';
import type { Logger } from 'pino';
import type { EventSink } from '../events/sink';
import type { Metrics } from '../metrics';
import type { OfferChannel, QueueAgent } from '../queues';
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
  /** The tenant the telephony already knows (the SIP trunk's): a number bound in another tenant is not routed. */
  tenantId?: string;
}

/**
 * A call port that rings queue agents itself on a leg of its own (the SIP adapter's B2BUA bridge), rather
 * than transferring the caller's call to the agent's Teams user. Settles like `OfferChannel.offer`.
 */
export interface AgentRinger {
  ringAgent(agent: QueueAgent, alertTimeoutMs: number, signal: AbortSignal): Promise<'answered' | 'missed'>;
}

function ringsAgents(port: TelephonyPort): port is TelephonyPort & AgentRinger {
  return typeof (port as Partial<AgentRinger>).ringAgent === 'function';
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
  port: TelephonyPort;
  /** An agent is being rung with this caller: the transfer's result settles the offer. */
  offer?: (result: 'answered' | 'missed') => void;
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
export class CallManager implements OfferChannel {
  private readonly running = new Map<string, Running>();
  private readonly byCallId = new Map<string, Running>();
  private queues: QueueRouter | undefined;

  constructor(private readonly opts: CallManagerOptions) {
    this.queues = opts.queues;
  }

  /** The queue router of calls started from now on (it rings agents through this manager's offers). */
  useQueues(queues: QueueRouter): void {
    this.queues = queues;
  }

  /**
   * Rings an agent with a queued caller: through the port's own agent leg when it has one (SIP), otherwise
   * by transferring the caller's call to the agent's Teams user (Graph). The
   * transfer's result settles the offer: a failure (declined, busy, rang out) is a miss and the caller
   * stays in the queue, so it is kept from the flow; a hand-off means the agent answered.
   */
  async offer(
    callId: string,
    agent: QueueAgent,
    alertTimeoutMs: number,
    signal: AbortSignal,
  ): Promise<'answered' | 'missed'> {
    const running = this.byCallId.get(callId);
    if (!running) return 'missed';
    const { port } = running;
    if (ringsAgents(port))
      return port.ringAgent(agent, alertTimeoutMs, signal).catch((error: Error) => {
        running.logger.warn({ err: error, agentId: agent.agentId }, 'the agent could not be rung');
        return 'missed' as const;
      });
    return new Promise((resolve) => {
      const settle = (result: 'answered' | 'missed') => {
        clearTimeout(timer);
        signal.removeEventListener('abort', abort);
        if (running.offer === settle) delete running.offer;
        resolve(result);
      };
      // Graph rings the agent for as long as Teams does; past the queue's alert timeout the router moves on.
      const timer = setTimeout(() => settle('missed'), alertTimeoutMs);
      const abort = () => settle('missed');
      signal.addEventListener('abort', abort);
      running.offer = settle;
      running.port
        .transfer({ kind: 'teamsUser', user: { objectId: agent.teamsUserId } })
        .catch((error: Error) => {
          running.logger.warn({ err: error, agentId: agent.agentId }, 'the agent could not be rung');
          settle('missed');
        });
    });
  }

  /** Calls running in this process. */
  get activeCalls(): number {
    return this.running.size;
  }

  /** A new call: null when nothing is bound to the called address (the adapter refuses the call). */
  async incoming(call: IncomingCall, port: TelephonyPort): Promise<LiveCall | null> {
    const { router, db, metrics } = this.opts;
    const found = await router.route(call.called);
    const route = found && (!call.tenantId || found.tenantId === call.tenantId) ? found : null;
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
    const running = this.track(call.externalId, session, call.channel, logger, port);
    metrics.callsStarted.inc({ channel: call.channel });
    logger.info({ caller: call.caller, called: call.called }, 'call started');
    return { callId, send: (event) => this.deliver(running, event), prefetch: fixedPrompts(route.compiled) };
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
    const running = this.track(externalId, session, channel, logger, port);
    logger.info({ nodeId: checkpoint.nodeId, seq: checkpoint.seq }, 'call resumed from its checkpoint');
    return { callId: call.id, send: (event) => this.deliver(running, event), prefetch: [] };
  }

  /** Stops running calls in this process without ending them; their checkpoints let another resume them. */
  detachAll(): void {
    for (const { session } of this.running.values()) session.detach();
    this.running.clear();
    this.byCallId.clear();
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
      ...(this.queues ? { queues: this.queues } : {}),
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

  /** An event from the call's adapter: to the flow, unless it settles an agent offer. */
  private deliver(running: Running, event: CallEvent): void {
    if (running.offer && event.type === 'TRANSFER_FAILED') {
      running.offer('missed');
      return;
    }
    if (running.offer && event.type === 'HANDED_OFF') {
      running.offer('answered');
      // The router records the answer and tells the queue node first; then the call leaves Parley.
      setImmediate(() => running.session.send(event));
      return;
    }
    running.session.send(event);
  }

  private track(
    externalId: string,
    session: CallSession,
    channel: Channel,
    logger: Logger,
    port: TelephonyPort,
  ): Running {
    const running: Running = { session, channel, logger, port };
    this.running.set(externalId, running);
    this.byCallId.set(session.identity.callId, running);
    this.opts.metrics.activeCalls.inc({ channel });
    void session.ended().then((by: EndedBy) => {
      running.offer?.('missed');
      this.running.delete(externalId);
      this.byCallId.delete(session.identity.callId);
      this.opts.metrics.activeCalls.dec({ channel });
      this.opts.metrics.callsEnded.inc({ channel, ended_by: by });
      logger.info({ endedBy: by, state: session.nodeId }, 'call ended');
    });
    return running;
  }
}
