import type { SipRequest, SipResponse } from '../message/message.js';
import type { PeerAddress } from '../transport/transport.js';
import {
  type ClientTransaction,
  type ClientTransactionEvents,
  InviteClientTransaction,
  NonInviteClientTransaction,
} from './client.js';
import { clientKey, serverKey } from './keys.js';
import { InviteServerTransaction, NonInviteServerTransaction, type ServerTransaction } from './server.js';
import type { TimerSettings } from './timers.js';
import type { Wire } from './wire.js';

/** The transaction user: the UA core that gets new requests and the ACKs no transaction absorbs. */
export interface TransactionUser {
  /** A new request (not ACK) with its server transaction; INVITEs have sent 100 Trying already. */
  onRequest(transaction: ServerTransaction): void;
  /** An ACK for a 2xx: it belongs to the dialog, not to a transaction (§17.2.3, §13.3.1.4). */
  onAck(ack: SipRequest, source: PeerAddress): void;
  /** Timer H fired for an INVITE whose non-2xx response was never acknowledged. */
  onAckTimeout?(transaction: InviteServerTransaction): void;
}

/** Matches messages to transactions (§17.1.3, §17.2.3) and creates new ones. */
export class TransactionLayer {
  private readonly servers = new Map<string, ServerTransaction>();
  private readonly clients = new Map<string, ClientTransaction>();

  constructor(
    private readonly wire: Wire,
    private readonly settings: TimerSettings,
    private readonly user: TransactionUser,
  ) {}

  /** Routes a received request to its transaction, or creates one and hands it to the TU. */
  receiveRequest(request: SipRequest, source: PeerAddress): void {
    const key = serverKey(request);
    const existing = this.servers.get(key);
    if (request.method === 'ACK') {
      const verdict = existing?.receive(request) ?? 'ack-for-tu';
      if (verdict === 'ack-for-tu') this.user.onAck(request, source);
      return;
    }
    if (existing) {
      existing.receive(request);
      return;
    }
    const events = {
      onTerminated: () => this.servers.delete(key),
      onAckTimeout: () => this.user.onAckTimeout?.(transaction as InviteServerTransaction),
    };
    const transaction =
      request.method === 'INVITE'
        ? new InviteServerTransaction(request, source, this.wire, this.settings, events)
        : new NonInviteServerTransaction(request, source, this.wire, this.settings, events);
    this.servers.set(key, transaction);
    if (transaction instanceof InviteServerTransaction) transaction.start();
    this.user.onRequest(transaction);
  }

  /** Routes a received response to its client transaction; a response that matches none is dropped. */
  receiveResponse(response: SipResponse): void {
    this.clients.get(clientKey(response))?.receive(response);
  }

  /** The INVITE server transaction a CANCEL names (§9.2: same branch, method INVITE). */
  inviteFor(cancel: SipRequest): InviteServerTransaction | undefined {
    const key = serverKey({ ...cancel, method: 'ACK' });
    const transaction = this.servers.get(key);
    return transaction instanceof InviteServerTransaction ? transaction : undefined;
  }

  /** Starts a client transaction; the request's top Via must carry a fresh branch. */
  sendRequest(request: SipRequest, target: PeerAddress, events: ClientTransactionEvents): ClientTransaction {
    const key = clientKey(request);
    const wrapped: ClientTransactionEvents = {
      ...events,
      onTerminated: () => {
        if (this.clients.get(key) === transaction) this.clients.delete(key);
        events.onTerminated();
      },
    };
    const transaction =
      request.method === 'INVITE'
        ? new InviteClientTransaction(request, target, this.wire, this.settings, wrapped)
        : new NonInviteClientTransaction(request, target, this.wire, this.settings, wrapped);
    this.clients.set(key, transaction);
    transaction.start();
    return transaction;
  }

  /** Stops every transaction's timers (on shutdown). */
  clear(): void {
    for (const t of [...this.servers.values(), ...this.clients.values()]) t.terminate();
    this.servers.clear();
    this.clients.clear();
  }
}
