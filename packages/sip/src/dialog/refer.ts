import { EventEmitter } from 'node:events';
import { bodyText, type SipRequest } from '../message/message.js';
import { type NameAddr, parseNameAddr } from '../message/name-addr.js';

/** The status line of a `message/sipfrag` body (RFC 3420), e.g. `SIP/2.0 180 Ringing`. */
export function sipfragStatus(body: string): { status: number; reason: string } | undefined {
  const match = /^SIP\/2\.0\s+(\d{3})\s*(.*)$/im.exec(body.trim().split(/\r?\n/)[0] ?? '');
  return match ? { status: Number(match[1]), reason: (match[2] ?? '').trim() } : undefined;
}

/** The body of a NOTIFY that reports transfer progress. */
export function sipfragBody(status: number, reason: string): string {
  return `SIP/2.0 ${status} ${reason}\r\n`;
}

/** Events of a REFER we sent. */
export interface ReferralEvents {
  /** A NOTIFY reported the transferee's INVITE progress (`100`, `180`, …, final). */
  progress: [status: number, reason: string];
}

/**
 * A transfer we asked for with REFER (RFC 3515). `outcome` resolves with the final sipfrag status (200 when
 * the transfer target answered) or with the REFER's own failure status; 202 alone is not success.
 */
export class Referral extends EventEmitter<ReferralEvents> {
  /** The final status reported by NOTIFY (or the REFER's failure response, or 408 if the subscription expired). */
  readonly outcome: Promise<number>;
  private settle!: (status: number) => void;
  private done = false;

  constructor(readonly id: number) {
    super();
    this.outcome = new Promise((resolve) => {
      this.settle = resolve;
    });
  }

  /** Handles one NOTIFY of this subscription. */
  notify(request: SipRequest): void {
    const frag = sipfragStatus(bodyText(request));
    if (frag) this.emit('progress', frag.status, frag.reason);
    const terminated = /^\s*terminated/i.test(request.headers.get('Subscription-State') ?? '');
    if (frag && frag.status >= 200) this.finish(frag.status);
    else if (terminated) this.finish(frag?.status ?? 408);
  }

  /** Ends the referral with a status (its own failure, or the dialog ending). */
  finish(status: number): void {
    if (this.done) return;
    this.done = true;
    this.settle(status);
  }
}

/** A REFER the other side sent us: where to, and by whom. */
export interface ReferRequest {
  request: SipRequest;
  referTo: NameAddr;
  referredBy?: NameAddr;
}

/** Reads Refer-To and Referred-By of a REFER; undefined when Refer-To is missing or malformed. */
export function readRefer(request: SipRequest): ReferRequest | undefined {
  const referTo = request.headers.get('Refer-To');
  if (referTo === undefined) return undefined;
  try {
    const result: ReferRequest = { request, referTo: parseNameAddr(referTo) };
    const by = request.headers.get('Referred-By');
    if (by !== undefined) result.referredBy = parseNameAddr(by);
    return result;
  } catch {
    return undefined;
  }
}
