import { type QueueRequest, VirtualClock } from '@parley/call-engine';
import { pino } from 'pino';
import {
  type AgentDirectory,
  type Availability,
  type OfferChannel,
  type PresenceSource,
  type QueueAgent,
  type QueueCall,
  type QueueSettings,
  SkillQueueRouter,
} from '../../src/queues';

export const TENANT = 'tenant-contoso';
export const SUPPORT = 'q-support';
export const BILLING = 'q-billing';
export const NETWORKING = 'sk-networking';
export const FRENCH = 'sk-french';

/** An agent whose Teams user id is derived from the name, for readable tests. */
export function agent(name: string, skills: Record<string, number>): QueueAgent {
  return { agentId: name, teamsUserId: `${name}-teams-id`, displayName: name, sipTarget: null, skills };
}

/** Queues and their agents, as the database would list them. */
export class FakeDirectory implements AgentDirectory {
  readonly queues = new Map<string, { queue: QueueSettings; agents: QueueAgent[] }>();
  failure: Error | null = null;

  set(queueId: string, agents: QueueAgent[], queue: Partial<QueueSettings> = {}): void {
    this.queues.set(queueId, { queue: { maxQueueSize: null, alertTimeoutSeconds: 20, ...queue }, agents });
  }

  async agentsFor(_tenantId: string, queueId: string) {
    if (this.failure) throw this.failure;
    const found = this.queues.get(queueId);
    if (!found) throw new Error(`no queue ${queueId}`);
    return found;
  }
}

/** Teams presence by agent name; Available unless set otherwise. */
export class FakePresence implements PresenceSource {
  private readonly byUser = new Map<string, Availability>();
  readonly asked: string[][] = [];

  set(name: string, availability: Availability): void {
    this.byUser.set(`${name}-teams-id`, availability);
  }

  async availability(_tenantId: string, teamsUserIds: string[]) {
    this.asked.push(teamsUserIds);
    return new Map(teamsUserIds.map((id) => [id, this.byUser.get(id) ?? 'Available'] as const));
  }
}

type Pickup = 'answers' | 'misses' | 'rings';

interface Offer {
  callId: string;
  agentId: string;
  at: number;
  alertTimeoutMs: number;
  cancelled: boolean;
  outcome: 'answered' | 'missed' | null;
}

/**
 * Agents' Teams clients: each agent answers after `answerAfterMs`, lets it ring until the alert timeout
 * (misses), or rings until the test or the router stops it. A caller leaving stops the ringing.
 */
export class FakeOffers implements OfferChannel {
  readonly pickup = new Map<string, Pickup>();
  readonly offers: Offer[] = [];
  answerAfterMs = 4_000;

  constructor(private readonly clock: VirtualClock) {}

  offer(callId: string, agent: QueueAgent, alertTimeoutMs: number, signal: AbortSignal) {
    const offer: Offer = {
      callId,
      agentId: agent.agentId,
      at: this.clock.elapsed,
      alertTimeoutMs,
      cancelled: false,
      outcome: null,
    };
    this.offers.push(offer);
    return new Promise<'answered' | 'missed'>((resolve) => {
      let timer: number | null = null;
      const finish = (outcome: 'answered' | 'missed') => {
        if (offer.outcome) return;
        if (timer !== null) this.clock.clearTimeout(timer);
        offer.outcome = outcome;
        resolve(outcome);
      };
      const pickup = this.pickup.get(agent.agentId) ?? 'answers';
      if (pickup === 'answers') timer = this.clock.setTimeout(() => finish('answered'), this.answerAfterMs);
      if (pickup === 'misses') timer = this.clock.setTimeout(() => finish('missed'), alertTimeoutMs);
      signal.addEventListener('abort', () => {
        offer.cancelled = true;
        finish('missed');
      });
    });
  }

  /** `caller→agent` for each offer made, in order. */
  get story(): string[] {
    return this.offers.map((o) => `${o.callId}→${o.agentId}`);
  }
}

/** A router over fakes on a virtual clock, and callers whose story is what the router told them. */
export function world(opts: { pollIntervalMs?: number } = {}) {
  const clock = new VirtualClock(Date.parse('2026-11-24T10:00:00Z'));
  const directory = new FakeDirectory();
  const presence = new FakePresence();
  const offers = new FakeOffers(clock);
  const router = new SkillQueueRouter({
    directory,
    presence,
    offers,
    clock,
    log: pino({ level: 'silent' }),
    ...(opts.pollIntervalMs ? { pollIntervalMs: opts.pollIntervalMs } : {}),
  });
  const stories = new Map<string, string[]>();

  /** Lets promises run: directory and presence answers, offers settling. */
  const settle = async () => {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  };

  return {
    clock,
    directory,
    presence,
    offers,
    router,
    settle,
    /** Moves time on in small steps, letting the router's async work run between them. */
    async advance(ms: number): Promise<void> {
      for (let left = ms; left > 0; left -= 250) {
        this.clock.advance(Math.min(250, left));
        await settle();
      }
    },
    /** A caller enters a queue; what the router records and sends them is their story. */
    async enqueue(
      callId: string,
      request: Partial<Omit<QueueRequest, 'callId' | 'tenantId'>> = {},
    ): Promise<string[]> {
      const story: string[] = [];
      stories.set(callId, story);
      const call: QueueCall = {
        record: (type, data) => story.push(`${type}${data?.agentId ? ` ${data.agentId}` : ''}`),
        send: (event) => story.push('agentId' in event ? `${event.type} ${event.agentId}` : event.type),
      };
      router.enqueue(
        { queueId: SUPPORT, priority: 5, skills: [], ...request, callId, tenantId: TENANT },
        call,
      );
      await settle();
      return story;
    },
    /** What the router told the caller so far. */
    story: (callId: string) => stories.get(callId) ?? [],
  };
}
