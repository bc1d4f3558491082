import type { QueueRequest, QueueRouter } from '@parley/call-engine';
import type { Logger } from 'pino';
import type { AgentDirectory, OfferChannel, PresenceSource, QueueAgent, QueueClock } from './ports';
import { chooseAgent, offerable, qualifies } from './selection';
import { type PendingOffer, type QueueCall, type WaitingCaller, WaitingList } from './waiting-list';

export interface SkillQueueRouterOptions {
  directory: AgentDirectory;
  presence: PresenceSource;
  offers: OfferChannel;
  log: Logger;
  /** Real time by default; a VirtualClock in tests. */
  clock?: QueueClock;
  /** How often callers no agent could be offered to are tried again (5 s by default). */
  pollIntervalMs?: number;
}

export const DEFAULT_POLL_INTERVAL_MS = 5_000;
/** How long past its alert timeout an offer may stay unsettled before the router gives up on the channel. */
export const OFFER_GRACE_MS = 15_000;

interface QueueState {
  tenantId: string;
  queueId: string;
  waiting: WaitingList;
  poll: { timer: unknown } | null;
  /** A round (directory, presence, offers) is under way; `again` asks for another when it ends. */
  running: boolean;
  again: boolean;
}

interface AgentState {
  /** Clock milliseconds: when the agent's last Parley call ended, or they last missed an offer. */
  idleSince: number;
  ringing: PendingOffer | null;
  talkingTo: string | null;
}

const realClock: QueueClock = {
  now: () => new Date(),
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (timer) => clearTimeout(timer as NodeJS.Timeout),
};

const key = (tenantId: string, id: string) => `${tenantId}\n${id}`;

/**
 * Skill-based routing of queued callers to Teams agents. Per queue, callers wait by priority then arrival; the
 * first waiting caller is offered to the qualified agent who is Available by presence and free of Parley calls,
 * with the best proficiency, then idle longest. One offer rings per caller; a missed offer moves on to the next
 * agent. Callers nobody could be offered to are tried again every poll interval and when an agent is freed.
 *
 * State is in memory: a restarted runtime starts with empty queues (the engine must enqueue resumed callers again).
 */
export class SkillQueueRouter implements QueueRouter {
  private readonly clock: QueueClock;
  private readonly pollIntervalMs: number;
  private readonly startedAt: number;
  private readonly queues = new Map<string, QueueState>();
  private readonly agents = new Map<string, AgentState>();
  /** Callers whose queue is being loaded: `leave` removes them so the load ends quietly. */
  private readonly admitting = new Map<string, object>();
  private readonly waitingCalls = new Map<string, { queue: QueueState; caller: WaitingCaller }>();
  /** Callers an agent answered, until they leave the queue node: the agent is busy with them. */
  private readonly connected = new Map<string, { tenantId: string; agentId: string }>();
  private arrivals = 0;
  private closed = false;

  constructor(private readonly opts: SkillQueueRouterOptions) {
    this.clock = opts.clock ?? realClock;
    this.pollIntervalMs = opts.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    this.startedAt = this.now();
  }

  /** Puts a caller in its queue, or answers at once with QUEUE_NO_AGENTS or QUEUE_OVERFLOW. */
  enqueue(request: QueueRequest, call: QueueCall): void {
    // A caller waits in one queue at a time.
    this.leave(request.callId);
    const token = {};
    this.admitting.set(request.callId, token);
    const arrival = ++this.arrivals;
    this.admit(request, call, token, arrival).catch((error: unknown) =>
      this.opts.log.error({ err: error, callId: request.callId }, 'queue admission failed'),
    );
  }

  /** Takes the caller out of its queue (hung up, timed out, or done with the agent who answered). */
  leave(callId: string): void {
    this.admitting.delete(callId);
    const waiting = this.waitingCalls.get(callId);
    if (waiting) {
      this.waitingCalls.delete(callId);
      waiting.queue.waiting.remove(waiting.caller);
      // The agent counts as ringing until the channel settles the aborted offer.
      waiting.caller.offer?.abort.abort();
      this.tidy(waiting.queue);
    }
    const connected = this.connected.get(callId);
    if (connected) {
      this.connected.delete(callId);
      this.free(connected.tenantId, connected.agentId);
    }
  }

  /**
   * An agent may be offerable again: their Parley call ended where the router cannot see it, or their presence
   * changed. Tries the tenant's waiting callers now rather than at the next poll.
   */
  agentFreed(tenantId: string, agentId: string): void {
    const state = this.agents.get(key(tenantId, agentId));
    if (state?.talkingTo) {
      this.connected.delete(state.talkingTo);
      this.free(tenantId, agentId);
    } else {
      this.kick(tenantId);
    }
  }

  /** Stops polling (runtime shutdown). Offers ringing settle, but nothing new is offered. */
  close(): void {
    this.closed = true;
    for (const queue of this.queues.values()) this.stopPolling(queue);
  }

  private async admit(request: QueueRequest, call: QueueCall, token: object, arrival: number): Promise<void> {
    const { tenantId, queueId, callId } = request;
    let found: Awaited<ReturnType<AgentDirectory['agentsFor']>>;
    try {
      found = await this.opts.directory.agentsFor(tenantId, queueId);
    } catch (error) {
      if (this.admitting.get(callId) !== token) return;
      this.admitting.delete(callId);
      // The flow's No agents path (voicemail, a callback) serves the caller better than a silent wait.
      call.record('error', { code: 'queue', message: `cannot load queue ${queueId}: ${messageOf(error)}` });
      call.send({ type: 'QUEUE_NO_AGENTS' });
      return;
    }
    if (this.admitting.get(callId) !== token) return;
    this.admitting.delete(callId);
    if (!found.agents.some((a) => qualifies(a, request.skills))) {
      call.send({ type: 'QUEUE_NO_AGENTS' });
      return;
    }
    const queue = this.queueState(tenantId, queueId);
    const { maxQueueSize } = found.queue;
    if (maxQueueSize !== null && queue.waiting.size >= maxQueueSize) {
      call.send({ type: 'QUEUE_OVERFLOW' });
      this.tidy(queue);
      return;
    }
    const caller: WaitingCaller = { request, call, arrival, offer: null, missed: new Map() };
    queue.waiting.add(caller);
    this.waitingCalls.set(callId, { queue, caller });
    this.dispatch(queue);
  }

  private dispatch(queue: QueueState): void {
    if (this.closed) return;
    if (queue.running) {
      queue.again = true;
      return;
    }
    queue.running = true;
    void this.rounds(queue);
  }

  private async rounds(queue: QueueState): Promise<void> {
    try {
      do {
        queue.again = false;
        await this.round(queue);
      } while (queue.again && !this.closed);
    } catch (error) {
      this.opts.log.warn(
        { err: error, tenantId: queue.tenantId, queueId: queue.queueId },
        'queue round failed; trying again at the next poll',
      );
    } finally {
      queue.running = false;
      this.tidy(queue);
    }
  }

  /** Offers each waiting caller without a ringing offer to the best free agent, in serving order. */
  private async round(queue: QueueState): Promise<void> {
    const { tenantId, queueId } = queue;
    if (queue.waiting.seeking().length === 0) return;
    const { queue: settings, agents } = await this.opts.directory.agentsFor(tenantId, queueId);
    const wanted = (a: QueueAgent) =>
      this.isFree(tenantId, a.agentId) && queue.waiting.seeking().some((c) => qualifies(a, c.request.skills));
    const free = agents.filter(wanted);
    if (free.length === 0) return;
    const presence = await this.opts.presence.availability(tenantId, [
      ...new Set(free.map((a) => a.teamsUserId)),
    ]);
    const available = free.filter((a) => offerable(presence.get(a.teamsUserId)));
    // The awaits let callers leave and agents be taken by other queues: decide on the state as it is now.
    for (const caller of queue.waiting.seeking()) {
      const agent = chooseAgent(
        available.filter((a) => this.isFree(tenantId, a.agentId)),
        {
          skills: caller.request.skills,
          idleSince: (agentId) => this.agents.get(key(tenantId, agentId))?.idleSince ?? this.startedAt,
          missed: caller.missed,
          now: this.now(),
          retryMissedAfterMs: this.pollIntervalMs,
        },
      );
      if (agent) this.offer(queue, caller, agent, settings.alertTimeoutSeconds * 1000);
    }
  }

  private offer(queue: QueueState, caller: WaitingCaller, agent: QueueAgent, alertTimeoutMs: number): void {
    const { tenantId, callId } = caller.request;
    const offer: PendingOffer = {
      agentId: agent.agentId,
      abort: new AbortController(),
      settled: false,
      watchdog: null,
    };
    this.agentState(tenantId, agent.agentId).ringing = offer;
    caller.offer = offer;
    caller.call.record('agent.offered', { agentId: agent.agentId });
    // A channel that never settles must not leave the agent ringing, and out of every queue, for good.
    offer.watchdog = this.clock.setTimeout(
      () =>
        this.settle(
          queue,
          caller,
          agent,
          offer,
          'missed',
          new Error('the offer channel did not settle in time'),
        ),
      alertTimeoutMs + OFFER_GRACE_MS,
    );
    let outcome: Promise<'answered' | 'missed'>;
    try {
      outcome = this.opts.offers.offer(callId, agent, alertTimeoutMs, offer.abort.signal);
    } catch (error) {
      outcome = Promise.reject(error);
    }
    outcome
      .then(
        (result) => this.settle(queue, caller, agent, offer, result, null),
        (error: unknown) => this.settle(queue, caller, agent, offer, 'missed', error),
      )
      .catch((error: unknown) =>
        this.opts.log.error({ err: error, callId }, 'settling a queue offer failed'),
      );
  }

  private settle(
    queue: QueueState,
    caller: WaitingCaller,
    agent: QueueAgent,
    offer: PendingOffer,
    result: 'answered' | 'missed',
    error: unknown,
  ): void {
    if (offer.settled) return;
    offer.settled = true;
    this.clock.clearTimeout(offer.watchdog);
    const { tenantId, callId } = caller.request;
    const { agentId } = agent;
    const state = this.agentState(tenantId, agentId);
    if (state.ringing === offer) state.ringing = null;
    if (this.waitingCalls.get(callId)?.caller !== caller || caller.offer !== offer) {
      // The caller left while the agent's phone rang: the agent is free again, and not to blame.
      this.kick(tenantId);
      return;
    }
    caller.offer = null;
    if (error !== null)
      caller.call.record('error', {
        code: 'queue',
        message: `offering the call to agent ${agentId} failed: ${messageOf(error)}`,
      });
    if (result === 'answered') {
      queue.waiting.remove(caller);
      this.waitingCalls.delete(callId);
      state.talkingTo = callId;
      this.connected.set(callId, { tenantId, agentId });
      caller.call.record('agent.answered', { agentId });
      caller.call.send({ type: 'QUEUE_ANSWERED', agentId });
      this.tidy(queue);
      return;
    }
    // Missed: the agent goes to the back of the idle order, and this caller tries the others first.
    const now = this.now();
    state.idleSince = now;
    caller.missed.set(agentId, now);
    this.dispatch(queue);
  }

  private free(tenantId: string, agentId: string): void {
    const state = this.agentState(tenantId, agentId);
    state.talkingTo = null;
    state.idleSince = this.now();
    this.kick(tenantId);
  }

  /** Tries every queue of the tenant that has callers waiting for an offer. */
  private kick(tenantId: string): void {
    for (const queue of this.queues.values())
      if (queue.tenantId === tenantId && queue.waiting.seeking().length > 0) this.dispatch(queue);
  }

  /** After a change: polls while callers wait for an offer, and forgets a queue nobody waits in. */
  private tidy(queue: QueueState): void {
    if (queue.running) return; // the round's end tidies
    if (queue.waiting.size === 0) {
      this.stopPolling(queue);
      const k = key(queue.tenantId, queue.queueId);
      if (this.queues.get(k) === queue) this.queues.delete(k);
      return;
    }
    if (queue.waiting.seeking().length === 0 || this.closed) {
      this.stopPolling(queue);
      return;
    }
    if (queue.poll) return;
    const poll = {
      timer: this.clock.setTimeout(() => {
        if (queue.poll !== poll) return;
        queue.poll = null;
        this.dispatch(queue);
      }, this.pollIntervalMs),
    };
    queue.poll = poll;
  }

  private stopPolling(queue: QueueState): void {
    if (queue.poll) this.clock.clearTimeout(queue.poll.timer);
    queue.poll = null;
  }

  private queueState(tenantId: string, queueId: string): QueueState {
    const k = key(tenantId, queueId);
    let queue = this.queues.get(k);
    if (!queue) {
      queue = { tenantId, queueId, waiting: new WaitingList(), poll: null, running: false, again: false };
      this.queues.set(k, queue);
    }
    return queue;
  }

  private agentState(tenantId: string, agentId: string): AgentState {
    const k = key(tenantId, agentId);
    let state = this.agents.get(k);
    if (!state) {
      state = { idleSince: this.startedAt, ringing: null, talkingTo: null };
      this.agents.set(k, state);
    }
    return state;
  }

  private isFree(tenantId: string, agentId: string): boolean {
    const state = this.agents.get(key(tenantId, agentId));
    return !state || (state.ringing === null && state.talkingTo === null);
  }

  private now(): number {
    return this.clock.now().getTime();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
