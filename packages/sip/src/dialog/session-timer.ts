import { tokensOf } from '../message/fields.js';
import type { SipMessage, SipRequest } from '../message/message.js';

/** Who sends the session refreshes (RFC 4028 §7). */
export type Refresher = 'uac' | 'uas';

/** A Session-Expires header. */
export interface SessionExpires {
  interval: number;
  refresher?: Refresher;
}

/** Parses `Session-Expires: 1800;refresher=uac` (also the compact `x`). */
export function sessionExpiresOf(message: SipMessage): SessionExpires | undefined {
  const value = message.headers.get('Session-Expires');
  const match = value === undefined ? null : /^\s*(\d+)\s*(?:;(.*))?$/.exec(value);
  if (!match) return undefined;
  const result: SessionExpires = { interval: Number(match[1]) };
  const refresher = /refresher\s*=\s*(uac|uas)/i.exec(match[2] ?? '')?.[1]?.toLowerCase();
  if (refresher === 'uac' || refresher === 'uas') result.refresher = refresher;
  return result;
}

/** What a UAS answers to a request about session timers. */
export type SessionTimerAnswer =
  | { kind: 'none' }
  | { kind: 'too-small'; minSE: number }
  | { kind: 'use'; interval: number; refresher: Refresher; require: boolean };

/**
 * The UAS side of RFC 4028 §9: refuse an interval below our Min-SE with 422, otherwise keep the requested
 * interval and refresher (the UAC refreshes when it did not say and supports timers; else we do).
 */
export function negotiateSessionTimer(
  request: SipRequest,
  settings: { sessionExpires: number; minSessionExpires: number },
): SessionTimerAnswer {
  const asked = sessionExpiresOf(request);
  const uacSupports = tokensOf(request, 'Supported').has('timer');
  if (asked && asked.interval < settings.minSessionExpires) {
    return { kind: 'too-small', minSE: settings.minSessionExpires };
  }
  if (!asked && !uacSupports) return { kind: 'none' };
  const interval = asked?.interval ?? settings.sessionExpires;
  const refresher = asked?.refresher ?? (uacSupports ? 'uac' : 'uas');
  return { kind: 'use', interval, refresher, require: uacSupports };
}

/** When the refresher should refresh (half the interval) and when the other side gives up (§10). */
export function sessionTimes(interval: number): { refreshAfter: number; expireAfter: number } {
  return { refreshAfter: (interval / 2) * 1000, expireAfter: (interval - Math.min(32, interval / 3)) * 1000 };
}
