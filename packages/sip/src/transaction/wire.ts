import type { SipRequest, SipResponse } from '../message/message.js';
import type { PeerAddress } from '../transport/transport.js';

/** What transactions need from the transport layer; tests give them a recording fake. */
export interface Wire {
  sendRequest(request: SipRequest, target: PeerAddress): Promise<void>;
  sendResponse(response: SipResponse, source: PeerAddress): Promise<void>;
}
