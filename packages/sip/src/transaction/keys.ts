import { randomBytes } from 'node:crypto';
import { callIdOf, cseqOf, fromOf, tagOf, topViaOf } from '../message/fields.js';
import type { SipRequest, SipResponse } from '../message/message.js';
import { branchCookie } from '../message/via.js';

/** A new branch parameter with the RFC 3261 magic cookie (§8.1.1.7). */
export function newBranch(): string {
  return `${branchCookie}${randomBytes(8).toString('hex')}`;
}

/** A new tag for From or To (§19.3: at least 32 bits of randomness). */
export function newTag(): string {
  return randomBytes(6).toString('hex');
}

/**
 * The server transaction a request belongs to (§17.2.3): branch, sent-by and method, with ACK folded onto
 * INVITE. A request from an RFC 2543 peer (no magic cookie) falls back to Call-ID, From tag and CSeq.
 */
export function serverKey(request: SipRequest): string {
  const via = topViaOf(request);
  const method = request.method === 'ACK' ? 'INVITE' : request.method;
  const branch = via.params.branch;
  if (branch?.startsWith(branchCookie)) return `${branch}|${via.host}:${via.port ?? ''}|${method}`;
  return `2543|${callIdOf(request)}|${tagOf(fromOf(request)) ?? ''}|${cseqOf(request).seq}|${method}`;
}

/** The client transaction a response belongs to (§17.1.3): top Via branch and CSeq method. */
export function clientKey(message: SipRequest | SipResponse): string {
  return `${topViaOf(message).params.branch ?? ''}|${cseqOf(message).method}`;
}
