import type { SipRequest, SipResponse } from '../message/message.js';
import { createResponse } from '../message/response.js';
import type { PeerAddress } from '../transport/transport.js';
import { TimerSet, type TimerSettings } from './timers.js';
import type { Wire } from './wire.js';

/** What a server transaction tells its owner. */
export interface ServerTransactionEvents {
  /** The transaction ended and may be forgotten. */
  onTerminated(): void;
  /** Timer H fired: a non-2xx final response to an INVITE was never acknowledged. */
  onAckTimeout?(): void;
  /** A response could not be sent (§17.2.4); the TU should treat the request as failed. */
  onTransportError?(error: Error): void;
}

/** The state every server transaction shares: its request, where it came from, and its last response. */
export abstract class ServerTransaction {
  abstract state: string;
  protected lastResponse: SipResponse | undefined;
  protected readonly timers = new TimerSet();
  /** Reliable transports need no retransmissions and no lingering in Completed (§17.2.1, §17.2.2). */
  protected readonly reliable: boolean;

  constructor(
    readonly request: SipRequest,
    readonly source: PeerAddress,
    protected readonly wire: Wire,
    protected readonly settings: TimerSettings,
    protected readonly events: ServerTransactionEvents,
  ) {
    this.reliable = source.protocol !== 'udp';
  }

  /** Whether a final response has been sent. */
  get finalSent(): boolean {
    return this.lastResponse !== undefined && this.lastResponse.status >= 200;
  }

  /** Passes a response from the TU to the transaction (which sends and, over UDP, retransmits it). */
  abstract respond(response: SipResponse): void;

  /** Builds and passes a response to this transaction's request. */
  reply(status: number, options: Parameters<typeof createResponse>[2] = {}): SipResponse {
    const response = createResponse(this.request, status, options);
    this.respond(response);
    return response;
  }

  /** A retransmission of the request (or, for INVITE, an ACK) matched this transaction. */
  abstract receive(request: SipRequest): 'absorbed' | 'ack-for-tu';

  protected send(response: SipResponse): void {
    this.wire.sendResponse(response, this.source).catch((error: Error) => {
      this.events.onTransportError?.(error);
      this.terminate();
    });
  }

  /** Ends the transaction now (on shutdown, or when its owner is going away). */
  terminate(): void {
    if (this.state === 'terminated') return;
    this.state = 'terminated';
    this.timers.clear();
    this.events.onTerminated();
  }
}

/** The INVITE server transaction of §17.2.1, with the Accepted state of RFC 6026. */
export class InviteServerTransaction extends ServerTransaction {
  state: 'proceeding' | 'accepted' | 'completed' | 'confirmed' | 'terminated' = 'proceeding';

  /** Sends 100 Trying at once, so the client stops retransmitting while the TU decides (§17.2.1). */
  start(): void {
    this.respond(createResponse(this.request, 100));
  }

  respond(response: SipResponse): void {
    if (this.state === 'accepted' && response.status >= 200 && response.status < 300) {
      this.send(response); // The TU's 2xx retransmissions (§13.3.1.4) pass through here.
      return;
    }
    if (this.state !== 'proceeding') return;
    this.lastResponse = response;
    this.send(response);
    if (response.status < 200) return;
    if (response.status < 300) {
      this.state = 'accepted';
      this.timers.start('L', 64 * this.settings.t1, () => this.terminate());
      return;
    }
    this.state = 'completed';
    if (!this.reliable) this.retransmitFinal(this.settings.t1);
    this.timers.start('H', 64 * this.settings.t1, () => {
      this.events.onAckTimeout?.();
      this.terminate();
    });
  }

  receive(request: SipRequest): 'absorbed' | 'ack-for-tu' {
    if (request.method === 'ACK') {
      if (this.state === 'accepted') return 'ack-for-tu';
      if (this.state === 'completed') {
        this.state = 'confirmed';
        this.timers.stop('G');
        this.timers.stop('H');
        this.timers.start('I', this.reliable ? 0 : this.settings.t4, () => this.terminate());
      }
      return 'absorbed';
    }
    if ((this.state === 'proceeding' || this.state === 'completed') && this.lastResponse) {
      this.send(this.lastResponse);
    }
    return 'absorbed';
  }

  private retransmitFinal(interval: number): void {
    this.timers.start('G', interval, () => {
      if (this.state !== 'completed' || !this.lastResponse) return;
      this.send(this.lastResponse);
      this.retransmitFinal(Math.min(2 * interval, this.settings.t2));
    });
  }
}

/** The non-INVITE server transaction of §17.2.2. */
export class NonInviteServerTransaction extends ServerTransaction {
  state: 'trying' | 'proceeding' | 'completed' | 'terminated' = 'trying';

  respond(response: SipResponse): void {
    if (this.state === 'completed' || this.state === 'terminated') return;
    this.lastResponse = response;
    this.send(response);
    if (response.status < 200) {
      this.state = 'proceeding';
      return;
    }
    this.state = 'completed';
    this.timers.start('J', this.reliable ? 0 : 64 * this.settings.t1, () => this.terminate());
  }

  receive(): 'absorbed' {
    if ((this.state === 'proceeding' || this.state === 'completed') && this.lastResponse) {
      this.send(this.lastResponse);
    }
    return 'absorbed';
  }
}
