import { EventEmitter } from 'node:events';
import { SipStateError } from '../errors.js';
import { addressesOf, callIdOf, contactOf, cseqOf, fromOf, tokensOf, toOf } from '../message/fields.js';
import { bodyText, type MessageExtras, type SipRequest } from '../message/message.js';
import type { NameAddr } from '../message/name-addr.js';
import { createResponse } from '../message/response.js';
import { formatUri, parseUri, uriNumber } from '../message/uri.js';
import type { Origin } from '../sdp/build.js';
import type { LocalAudio } from '../sdp/local.js';
import {
  type AcceptedOffer,
  answerOffer,
  createOffer,
  newOrigin,
  type RefusedOffer,
} from '../sdp/negotiate.js';
import { newTag } from '../transaction/keys.js';
import type { InviteServerTransaction } from '../transaction/server.js';
import type { UserAgentCore } from './core.js';
import { Dialog } from './dialog.js';
import type { SessionTimerAnswer } from './session-timer.js';

/** What an incoming call reports before it is answered. */
export interface IncomingCallEvents {
  /** The caller cancelled (CANCEL): 487 has been sent; the call is over. */
  cancel: [];
  /** The INVITE was answered with a failure because the caller never acknowledged it (timer H). */
  failed: [];
}

/** How to accept an incoming call. */
export interface AcceptOptions extends MessageExtras {
  /** The SDP answer (or offer, when the INVITE had none). */
  sdp?: string;
  /** Our media settings, kept by the dialog to answer later re-INVITEs (hold, resume, refresh). */
  media?: LocalAudio;
  origin?: Origin;
}

/**
 * A new INVITE (outside any dialog) waiting for the app: ring, send early media, answer or reject it.
 * 100 Trying has already gone out. Answering returns the dialog (§13.3).
 */
export class IncomingCall extends EventEmitter<IncomingCallEvents> {
  state: 'pending' | 'answered' | 'rejected' | 'cancelled' = 'pending';
  readonly toTag = newTag();
  readonly callId: string;
  readonly from: NameAddr;
  readonly to: NameAddr;

  constructor(
    private readonly core: UserAgentCore,
    readonly transaction: InviteServerTransaction,
    private readonly timer: SessionTimerAnswer,
  ) {
    super();
    this.callId = callIdOf(this.request);
    this.from = fromOf(this.request);
    this.to = toOf(this.request);
  }

  /** The INVITE. */
  get request(): SipRequest {
    return this.transaction.request;
  }

  /** The SDP offer, if the INVITE carried one (Direct Routing always does). */
  get offer(): string | undefined {
    return this.request.body.length > 0 ? bodyText(this.request) : undefined;
  }

  /** The called number: the Request-URI user (`+E.164` with `user=phone` from an SBC). */
  get called(): string | undefined {
    return uriNumber(parseUri(this.request.uri));
  }

  /** The caller's number or user, from the From URI. */
  get caller(): string | undefined {
    return uriNumber(this.from.uri);
  }

  /** Sends a provisional response: 180 Ringing, or 183 Session Progress with early-media SDP. */
  progress(status = 183, extras?: MessageExtras): void {
    this.requirePending();
    const response = createResponse(this.request, status, {
      ...extras,
      toTag: this.toTag,
      headers: { Contact: this.contact(), ...extras?.headers },
    });
    this.transaction.respond(response);
  }

  /** Sends 180 Ringing. */
  ring(extras?: MessageExtras): void {
    this.progress(180, extras);
  }

  /**
   * Answers with SDP negotiated from the offer and our media (RFC 3264), or, when the offer has no usable
   * audio, rejects with 488 and returns why. An INVITE without SDP gets our offer in the 200.
   */
  answer(
    media: LocalAudio,
    extras?: MessageExtras,
  ): { ok: true; dialog: Dialog; negotiated?: AcceptedOffer } | RefusedOffer {
    const origin = newOrigin();
    const offer = this.offer;
    if (offer === undefined) {
      return { ok: true, dialog: this.accept({ ...extras, sdp: createOffer(media, origin), media, origin }) };
    }
    const outcome = answerOffer(offer, media, origin);
    if (!outcome.ok) {
      this.reject(outcome.status, { headers: { Warning: `304 parley "${outcome.reason}"` } });
      return outcome;
    }
    const dialog = this.accept({ ...extras, sdp: outcome.sdp, media, origin });
    return { ok: true, dialog, negotiated: outcome };
  }

  /** Sends 200 OK and returns the dialog; the 200 is retransmitted until the ACK (§13.3.1.4). */
  accept(options: AcceptOptions = {}): Dialog {
    this.requirePending();
    this.state = 'answered';
    const request = this.request;
    const contact = contactOf(request);
    const dialog = new Dialog(this.core, {
      role: 'uas',
      callId: this.callId,
      local: { ...this.to, params: { ...this.to.params, tag: this.toTag } },
      remote: this.from,
      remoteTarget: contact ? formatUri(contact.uri) : request.uri,
      routeSet: request.headers.getAll('Record-Route'),
      localSeq: 0,
      remoteSeq: cseqOf(request).seq,
      protocol: this.transaction.source.protocol,
      origin: options.origin ?? newOrigin(),
      remoteAllow: tokensOf(request, 'Allow'),
      ...(options.media ? { media: options.media } : {}),
      ...(options.sdp ? { localSdp: options.sdp } : {}),
    });
    const response = createResponse(request, 200, {
      ...options,
      toTag: this.toTag,
      headers: { ...dialog.successHeaders(this.timer), ...options.headers },
      ...(options.sdp ? { body: { contentType: 'application/sdp', content: options.sdp } } : {}),
    });
    dialog.sendInvite2xx(this.transaction, response);
    if (this.timer.kind === 'use')
      dialog.startSessionTimer(this.timer.interval, this.timer.refresher === 'uas');
    return dialog;
  }

  /** Rejects with a final failure (486 busy, 480 unavailable, 603 decline, 488 media). */
  reject(status: number, extras?: MessageExtras & { reason?: string }): void {
    this.requirePending();
    if (status < 300) throw new SipStateError('reject needs a 3xx-6xx status');
    this.state = 'rejected';
    this.transaction.respond(createResponse(this.request, status, { ...extras, toTag: this.toTag }));
  }

  /** Called by the core on CANCEL: answers the INVITE 487 if it is still pending (§9.2). */
  cancel(): void {
    if (this.state !== 'pending') return;
    this.state = 'cancelled';
    this.transaction.respond(createResponse(this.request, 487, { toTag: this.toTag }));
    this.emit('cancel');
  }

  /** The Record-Route rows of the INVITE, for proxies in the path. */
  get recordRoute(): NameAddr[] {
    return addressesOf(this.request, 'Record-Route');
  }

  private contact(): string {
    const user = this.to.uri.scheme === 'tel' ? undefined : this.to.uri.user;
    return this.core.contact(this.transaction.source.protocol, user);
  }

  private requirePending(): void {
    if (this.state !== 'pending') throw new SipStateError(`the call is already ${this.state}`);
  }
}
