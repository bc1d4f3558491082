import type { Clock } from '@parley/call-engine';

/** A Teams user who answers queue calls, with the skills they have. */
export interface QueueAgent {
  agentId: string;
  /** The agent's Entra object id: what presence is asked by and what a call is transferred to. */
  teamsUserId: string;
  displayName: string;
  /** The agent's phone number (+E.164) or SIP URI: what the SIP adapter rings through the SBC. */
  sipTarget: string | null;
  /** skillId → proficiency, 1 (learning) to 5 (expert). */
  skills: Record<string, number>;
}

/** What the router needs to know of a queue besides its agents. */
export interface QueueSettings {
  /** Callers that may wait at once; null for no limit. */
  maxQueueSize: number | null;
  /** How long an agent's Teams client rings before the offer counts as missed. */
  alertTimeoutSeconds: number;
}

/** Where the router reads a queue's settings and its agents (the database, in the runtime). */
export interface AgentDirectory {
  /** The queue's settings and the agents who serve it (those with the queue's own skills), with all their skills. */
  agentsFor(tenantId: string, queueId: string): Promise<{ queue: QueueSettings; agents: QueueAgent[] }>;
}

/** Teams presence availability, as Graph reports it. */
export type Availability =
  | 'Available'
  | 'AvailableIdle'
  | 'Away'
  | 'BeRightBack'
  | 'Busy'
  | 'BusyIdle'
  | 'DoNotDisturb'
  | 'Offline'
  | 'PresenceUnknown';

/** Where the router reads agents' presence (Graph's getPresencesByUserId, in the runtime). */
export interface PresenceSource {
  /** Availability by Teams user id; a user missing from the map counts as PresenceUnknown. */
  availability(tenantId: string, teamsUserIds: string[]): Promise<Map<string, Availability>>;
}

/** How the runtime rings an agent with a waiting caller (with Graph: a transfer of the caller's call). */
export interface OfferChannel {
  /**
   * Rings `agent` for the caller of `callId`. Resolves `answered` when the agent took the call, `missed` when
   * they declined or did not answer within `alertTimeoutMs`. `signal` aborts when the caller left the queue
   * meanwhile (hung up, timed out): stop ringing and settle soon — the agent counts as ringing until then.
   */
  offer(
    callId: string,
    agent: QueueAgent,
    alertTimeoutMs: number,
    signal: AbortSignal,
  ): Promise<'answered' | 'missed'>;
}

/** Time and timers of the router; a VirtualClock in tests. */
export interface QueueClock extends Clock {
  now(): Date;
}
