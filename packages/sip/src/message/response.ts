import { SipHeaders } from './headers.js';
import { applyExtras, type MessageExtras, type SipRequest, type SipResponse } from './message.js';
import { reasonPhrase } from './reasons.js';

/** Options for a response built from a request. */
export interface ResponseOptions extends MessageExtras {
  reason?: string;
  /** The To tag the UAS adds (§8.2.6.2); ignored when the request's To already has one. */
  toTag?: string;
}

/**
 * Builds a response to `request` per §8.2.6: Via rows, From, To, Call-ID and CSeq copied (whatever of them
 * the request has, so that a 400 to a broken request can still be built), plus Timestamp on a 100.
 */
export function createResponse(
  request: SipRequest,
  status: number,
  options: ResponseOptions = {},
): SipResponse {
  const headers = new SipHeaders();
  for (const via of request.headers.getAll('Via')) headers.append('Via', via);
  const from = request.headers.get('From');
  if (from !== undefined) headers.append('From', from);
  const to = request.headers.get('To');
  if (to !== undefined) {
    const tagged = options.toTag && !/;\s*tag\s*=/i.test(stripQuotedAndAngles(to));
    headers.append('To', tagged ? `${to};tag=${options.toTag}` : to);
  }
  const callId = request.headers.get('Call-ID');
  if (callId !== undefined) headers.append('Call-ID', callId);
  const cseq = request.headers.get('CSeq');
  if (cseq !== undefined) headers.append('CSeq', cseq);
  const timestamp = request.headers.get('Timestamp');
  if (status === 100 && timestamp !== undefined) headers.append('Timestamp', timestamp);
  const response: SipResponse = {
    kind: 'response',
    status,
    reason: options.reason ?? reasonPhrase(status),
    headers,
    body: Buffer.alloc(0),
  };
  applyExtras(response, options);
  return response;
}

/** The header text without quoted strings or the bracketed URI, so `;tag=` inside them is not mistaken. */
function stripQuotedAndAngles(value: string): string {
  return value.replace(/"(?:[^"\\]|\\.)*"/g, '').replace(/<[^>]*>/g, '');
}
