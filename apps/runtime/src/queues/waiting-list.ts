import type { QueueRequest, QueueRouter } from '@parley/call-engine';

/** How the router answers one caller: the engine's `send` and `record` for that call. */
export type QueueCall = Parameters<QueueRouter['enqueue']>[1];

/** An agent's phone ringing for a caller. */
export interface PendingOffer {
  agentId: string;
  abort: AbortController;
  settled: boolean;
  /** Settles the offer as missed should the channel never answer. */
  watchdog: unknown;
}

/** A caller waiting in a queue. */
export interface WaitingCaller {
  request: QueueRequest;
  call: QueueCall;
  /** Order of arrival across the router; ties within a priority go to the earlier caller. */
  arrival: number;
  /** The one offer ringing for this caller, if any. */
  offer: PendingOffer | null;
  /** Agents who missed an offer to this caller, with when (clock milliseconds). */
  missed: Map<string, number>;
}

/** The callers of one queue, served by priority (1 first), then by arrival. */
export class WaitingList {
  private readonly callers: WaitingCaller[] = [];

  get size(): number {
    return this.callers.length;
  }

  add(caller: WaitingCaller): void {
    const before = this.callers.findIndex(
      (c) =>
        c.request.priority > caller.request.priority ||
        (c.request.priority === caller.request.priority && c.arrival > caller.arrival),
    );
    if (before < 0) this.callers.push(caller);
    else this.callers.splice(before, 0, caller);
  }

  remove(caller: WaitingCaller): void {
    const at = this.callers.indexOf(caller);
    if (at >= 0) this.callers.splice(at, 1);
  }

  /** Callers with no offer ringing, in the order they are to be served. */
  seeking(): WaitingCaller[] {
    return this.callers.filter((c) => c.offer === null);
  }
}
