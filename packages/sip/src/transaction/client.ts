import { SipTimeoutError } from '../errors.js';
import { toOf } from '../message/fields.js';
import { SipHeaders } from '../message/headers.js';
import type { SipRequest, SipResponse } from '../message/message.js';
import { formatNameAddr } from '../message/name-addr.js';
import type { PeerAddress } from '../transport/transport.js';
import { TimerSet, type TimerSettings } from './timers.js';
import type { Wire } from './wire.js';

/** What a client transaction tells its TU. */
export interface ClientTransactionEvents {
  /** Every provisional response, the final response, and (INVITE) each 2xx retransmission. */
  onResponse(response: SipResponse): void;
  /** Timer B or F fired, or the request could not be sent: the TU should act as on a 408 (§8.1.3.1). */
  onFailure(error: Error): void;
  /** The transaction ended and may be forgotten. */
  onTerminated(): void;
}

/** The state every client transaction shares. */
export abstract class ClientTransaction {
  abstract state: string;
  protected readonly timers = new TimerSet();
  protected readonly reliable: boolean;

  constructor(
    readonly request: SipRequest,
    readonly target: PeerAddress,
    protected readonly wire: Wire,
    protected readonly settings: TimerSettings,
    protected readonly events: ClientTransactionEvents,
  ) {
    this.reliable = target.protocol !== 'udp';
  }

  /** Sends the request and starts the timers. */
  abstract start(): void;

  /** A response matched this transaction. */
  abstract receive(response: SipResponse): void;

  protected transmit(request: SipRequest): void {
    this.wire.sendRequest(request, this.target).catch((error: Error) => this.fail(error));
  }

  protected fail(error: Error): void {
    if (this.state === 'terminated' || this.state === 'completed' || this.state === 'accepted') return;
    this.events.onFailure(error);
    this.terminate();
  }

  /** Ends the transaction early (its owner is going away). */
  terminate(): void {
    if (this.state === 'terminated') return;
    this.state = 'terminated';
    this.timers.clear();
    this.events.onTerminated();
  }
}

/** The INVITE client transaction of §17.1.1, with the Accepted state of RFC 6026 for 2xx retransmissions. */
export class InviteClientTransaction extends ClientTransaction {
  state: 'calling' | 'proceeding' | 'accepted' | 'completed' | 'terminated' = 'calling';
  private ack: SipRequest | undefined;

  start(): void {
    this.transmit(this.request);
    if (!this.reliable) this.retransmit(this.settings.t1);
    this.timers.start('B', 64 * this.settings.t1, () => this.fail(new SipTimeoutError('INVITE')));
  }

  receive(response: SipResponse): void {
    if (this.state === 'calling' || this.state === 'proceeding') {
      this.timers.stop('A');
      if (response.status < 200) {
        this.state = 'proceeding';
        this.events.onResponse(response);
        return;
      }
      this.timers.stop('B');
      if (response.status < 300) {
        this.state = 'accepted';
        this.events.onResponse(response);
        this.timers.start('M', 64 * this.settings.t1, () => this.terminate());
        return;
      }
      this.state = 'completed';
      this.ack = ackForFailure(this.request, response);
      this.transmit(this.ack);
      this.events.onResponse(response);
      this.timers.start('D', this.reliable ? 0 : 64 * this.settings.t1, () => this.terminate());
      return;
    }
    if (this.state === 'accepted' && response.status >= 200 && response.status < 300) {
      this.events.onResponse(response); // The TU ACKs each 2xx retransmission itself (§13.2.2.4).
    } else if (this.state === 'completed' && response.status >= 300 && this.ack) {
      this.transmit(this.ack);
    }
  }

  private retransmit(interval: number): void {
    this.timers.start('A', interval, () => {
      if (this.state !== 'calling') return;
      this.transmit(this.request);
      this.retransmit(2 * interval);
    });
  }
}

/** The non-INVITE client transaction of §17.1.2. */
export class NonInviteClientTransaction extends ClientTransaction {
  state: 'trying' | 'proceeding' | 'completed' | 'terminated' = 'trying';

  start(): void {
    this.transmit(this.request);
    if (!this.reliable) this.retransmit(this.settings.t1);
    this.timers.start('F', 64 * this.settings.t1, () => this.fail(new SipTimeoutError(this.request.method)));
  }

  receive(response: SipResponse): void {
    if (this.state !== 'trying' && this.state !== 'proceeding') return;
    if (response.status < 200) {
      this.state = 'proceeding';
      this.events.onResponse(response);
      return;
    }
    this.state = 'completed';
    this.timers.stop('E');
    this.timers.stop('F');
    this.events.onResponse(response);
    this.timers.start('K', this.reliable ? 0 : this.settings.t4, () => this.terminate());
  }

  private retransmit(interval: number): void {
    this.timers.start('E', interval, () => {
      if (this.state !== 'trying' && this.state !== 'proceeding') return;
      this.transmit(this.request);
      // In Proceeding the interval is T2 at once (§17.1.2.2).
      this.retransmit(
        this.state === 'proceeding' ? this.settings.t2 : Math.min(2 * interval, this.settings.t2),
      );
    });
  }
}

/** The ACK for a non-2xx final response (§17.1.1.3): same branch, To with the response's tag, same Route. */
export function ackForFailure(invite: SipRequest, response: SipResponse): SipRequest {
  const headers = new SipHeaders();
  const via = invite.headers.get('Via');
  if (via !== undefined) headers.append('Via', via);
  headers.append('Max-Forwards', '70');
  for (const name of ['From', 'Call-ID']) {
    const value = invite.headers.get(name);
    if (value !== undefined) headers.append(name, value);
  }
  headers.append('To', formatNameAddr(toOf(response)));
  const seq = (invite.headers.get('CSeq') ?? '').trim().split(/\s+/)[0] ?? '1';
  headers.append('CSeq', `${seq} ACK`);
  for (const route of invite.headers.getAll('Route')) headers.append('Route', route);
  return { kind: 'request', method: 'ACK', uri: invite.uri, headers, body: Buffer.alloc(0) };
}
