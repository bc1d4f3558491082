import type { SipRequest, SipResponse } from '../message/message.js';
import type { ClientTransaction, ClientTransactionEvents } from '../transaction/client.js';
import type { ServerTransaction } from '../transaction/server.js';
import type { TimerSettings } from '../transaction/timers.js';
import type { PeerAddress, TransportProtocol } from '../transport/transport.js';

/** Settings dialogs read from their endpoint. */
export interface CoreSettings {
  timers: TimerSettings;
  userAgent: string;
  extraHeaders: Record<string, string>;
  sessionExpires: number;
  minSessionExpires: number;
}

/** What calls and dialogs need from the user agent core that owns the transports and transactions. */
export interface UserAgentCore {
  readonly settings: CoreSettings;
  /** Sends a request in a new client transaction; resolves with the final response, rejects on timeout. */
  request(
    request: SipRequest,
    target: PeerAddress,
    onProvisional?: (r: SipResponse) => void,
  ): Promise<SipResponse>;
  /** Starts an INVITE client transaction. */
  startInvite(request: SipRequest, target: PeerAddress, events: ClientTransactionEvents): ClientTransaction;
  /** Sends an ACK for a 2xx: outside any transaction (§13.2.2.4). */
  sendAck(ack: SipRequest, target: PeerAddress): void;
  /** A new top Via for a request over `protocol`, with a fresh branch and `rport`. */
  via(protocol: TransportProtocol): string;
  /** Our Contact for a transport: `<sip:[user@]host:port;transport=…>`. */
  contact(protocol: TransportProtocol, user?: string): string;
  /** Where a request to `uri` goes, loose-routing through `routeSet` (§8.1.2, §12.2.1.1). */
  target(uri: string, routeSet: readonly string[], preferred?: TransportProtocol): PeerAddress;
  /** Registers a dialog so in-dialog requests and ACKs find it; returns the unregister function. */
  register(key: string, dialog: DialogSink): () => void;
}

/** What the core hands to a dialog. */
export interface DialogSink {
  receiveRequest(transaction: ServerTransaction): void;
  receiveAck(ack: SipRequest): void;
}

/** The key of a dialog in the core's table (§12: Call-ID, local tag, remote tag). */
export function dialogKey(callId: string, localTag: string, remoteTag: string): string {
  return `${callId}|${localTag}|${remoteTag}`;
}
