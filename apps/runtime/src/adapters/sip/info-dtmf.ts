import { isDtmfKey } from '@parley/rtp';
import type { SipRequest } from '@parley/sip';

/**
 * The key of a SIP INFO key press, the fallback for SBCs that do not send RFC 4733 events:
 * `application/dtmf-relay` (`Signal=5` and `Duration=160` lines) or `application/dtmf` (the key alone).
 * Null for any other INFO (a media control request, an empty keep-alive).
 */
export function infoDtmfKey(request: SipRequest): string | null {
  const type = (request.headers.get('Content-Type') ?? '').split(';')[0]?.trim().toLowerCase();
  const body = request.body.toString('utf8');
  let signal: string | undefined;
  if (type === 'application/dtmf-relay') signal = /^\s*signal\s*=\s*(\S+)\s*$/im.exec(body)?.[1];
  else if (type === 'application/dtmf') signal = body.trim();
  if (!signal) return null;
  // Some gateways send flash as 16 and */# as 10/11 (the RFC 4733 event numbers).
  const key = signal === '10' ? '*' : signal === '11' ? '#' : signal.toUpperCase();
  return isDtmfKey(key) ? key : null;
}
