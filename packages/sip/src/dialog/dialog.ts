import { EventEmitter } from 'node:events';
import { capabilityHeaders } from '../endpoint/capabilities.js';
import { SipRequestFailedError, SipStateError } from '../errors.js';
import { contactOf, cseqOf, tokensOf } from '../message/fields.js';
import { SipHeaders } from '../message/headers.js';
import {
  applyExtras,
  bodyText,
  type MessageExtras,
  type SipRequest,
  type SipResponse,
} from '../message/message.js';
import { formatNameAddr, type NameAddr } from '../message/name-addr.js';
import { createResponse } from '../message/response.js';
import { formatUri } from '../message/uri.js';
import type { Origin } from '../sdp/build.js';
import type { LocalAudio } from '../sdp/local.js';
import { type AcceptedOffer, answerOffer, createOffer, readAnswer } from '../sdp/negotiate.js';
import type { InviteServerTransaction, ServerTransaction } from '../transaction/server.js';
import { TimerSet } from '../transaction/timers.js';
import type { TransportProtocol } from '../transport/transport.js';
import { dialogKey, type UserAgentCore } from './core.js';
import { IncomingOffer, type OfferMethod } from './offer.js';
import { type ReferRequest, Referral, readRefer, sipfragBody } from './refer.js';
import {
  negotiateSessionTimer,
  type SessionTimerAnswer,
  sessionExpiresOf,
  sessionTimes,
} from './session-timer.js';

/** Why a dialog ended. */
export type DialogEndReason = 'local-bye' | 'remote-bye' | 'ack-timeout' | 'session-expired';

/** A REFER from the other side, to accept (202, then NOTIFY progress) or reject. */
export interface IncomingRefer extends ReferRequest {
  /** Sends 202 Accepted; report progress with `notify(status, reason)` (a final status ends it). */
  accept(): { notify(status: number, reason: string): Promise<void> };
  reject(status?: number): void;
}

/** What a dialog reports. */
export interface DialogEvents {
  /** The ACK for our 2xx arrived (the call is fully up). */
  ack: [ack: SipRequest];
  /** An in-dialog offer (re-INVITE or UPDATE with SDP). Without a listener it is answered automatically. */
  offer: [offer: IncomingOffer];
  /** A new offer/answer exchange completed: hold, resume, new address. The media layer follows it. */
  media: [negotiated: AcceptedOffer];
  /** INFO (e.g. `application/dtmf-relay`); it was answered 200. */
  info: [request: SipRequest];
  /** REFER: the other side asks us to transfer. Without a listener it is declined (603). */
  refer: [refer: IncomingRefer];
  /** Any other in-dialog request; the listener must answer the transaction. */
  request: [transaction: ServerTransaction];
  /** The dialog ended; nothing more can be sent in it. */
  terminated: [reason: DialogEndReason];
}

/** Everything a dialog starts from (§12.1.1 for a UAS, §12.1.2 for a UAC). */
export interface DialogInit {
  role: 'uas' | 'uac';
  callId: string;
  local: NameAddr;
  remote: NameAddr;
  remoteTarget: string;
  routeSet: string[];
  localSeq: number;
  remoteSeq?: number;
  protocol: TransportProtocol;
  /** Our media, so in-dialog offers can be answered without the app. */
  media?: LocalAudio;
  origin: Origin;
  localSdp?: string;
  remoteAllow?: Set<string>;
}

/**
 * A SIP dialog (RFC 3261 §12): the call leg after INVITE/200. It builds in-dialog requests (route set,
 * remote target, CSeq), answers in-dialog requests, retransmits its 2xx until the ACK, and keeps RFC 4028
 * session timers.
 */
export class Dialog extends EventEmitter<DialogEvents> {
  state: 'confirmed' | 'terminated' = 'confirmed';
  readonly role: 'uas' | 'uac';
  readonly callId: string;
  readonly local: NameAddr;
  readonly remote: NameAddr;
  remoteTarget: string;
  readonly routeSet: readonly string[];
  /** Our last SDP in this dialog (answer or offer). */
  localSdp: string | undefined;
  /** Our media settings; updating them and calling `reoffer()` moves or holds the stream. */
  media: LocalAudio | undefined;
  private localSeq: number;
  private remoteSeq: number | undefined;
  private readonly protocol: TransportProtocol;
  private readonly origin: Origin;
  private readonly timers = new TimerSet();
  private readonly awaitingAck = new Map<number, () => void>();
  private readonly referrals = new Map<number, Referral>();
  private remoteAllow: Set<string>;
  private inviting = false;
  private unregister: () => void = () => {};

  constructor(
    private readonly core: UserAgentCore,
    init: DialogInit,
  ) {
    super();
    this.role = init.role;
    this.callId = init.callId;
    this.local = init.local;
    this.remote = init.remote;
    this.remoteTarget = init.remoteTarget;
    this.routeSet = init.routeSet;
    this.localSeq = init.localSeq;
    this.remoteSeq = init.remoteSeq;
    this.protocol = init.protocol;
    this.media = init.media;
    this.origin = init.origin;
    this.localSdp = init.localSdp;
    this.remoteAllow = init.remoteAllow ?? new Set();
    this.unregister = core.register(dialogKey(this.callId, this.localTag, this.remoteTag), this);
  }

  /** Our tag (From tag as UAC, To tag as UAS). */
  get localTag(): string {
    return this.local.params.tag ?? '';
  }

  /** The other side's tag. */
  get remoteTag(): string {
    return this.remote.params.tag ?? '';
  }

  /** Hangs up: sends BYE and ends the dialog at once; the BYE's response only matters for logs. */
  async bye(extras?: MessageExtras): Promise<SipResponse | undefined> {
    if (this.state === 'terminated') return undefined;
    const request = this.buildRequest('BYE', extras);
    this.end('local-bye');
    return this.send(request).catch(() => undefined);
  }

  /** Sends a re-INVITE with a new offer (hold: `sendonly`, resume: `sendrecv`) and ACKs the 2xx. */
  async reinvite(sdp: string, extras?: MessageExtras): Promise<{ response: SipResponse; answer?: string }> {
    this.requireActive();
    if (this.inviting) throw new SipStateError('a re-INVITE is already in progress (would be 491)');
    this.inviting = true;
    const request = this.buildRequest('INVITE', {
      ...extras,
      body: { contentType: 'application/sdp', content: sdp },
    });
    const seq = this.localSeq;
    try {
      const response = await this.sendInvite(request, seq);
      if (response.status >= 300) throw new SipRequestFailedError('INVITE', response);
      this.localSdp = sdp;
      this.applySessionTimerFromResponse(response);
      const result: { response: SipResponse; answer?: string } = { response };
      if (response.body.length > 0) result.answer = bodyText(response);
      return result;
    } finally {
      this.inviting = false;
    }
  }

  /** Re-offers our current media (after changing `media.direction` or its port): hold and resume. */
  async reoffer(): Promise<AcceptedOffer | undefined> {
    if (!this.media) throw new SipStateError('the dialog has no media settings to offer');
    this.origin.version++;
    const { answer } = await this.reinvite(createOffer(this.media, this.origin));
    if (answer === undefined) return undefined;
    const outcome = readAnswer(answer, this.media);
    if (outcome.ok) this.emit('media', outcome);
    return outcome.ok ? outcome : undefined;
  }

  /** Sends INFO with a body (e.g. `application/dtmf-relay`). */
  async info(body: { contentType: string; content: string }, extras?: MessageExtras): Promise<SipResponse> {
    this.requireActive();
    return this.send(this.buildRequest('INFO', { ...extras, body }));
  }

  /**
   * Asks the other side to call `referTo` (RFC 3515), with `Referred-By` when given. Resolves once the
   * REFER is accepted (202) with a `Referral` whose `outcome` is the transfer's final status.
   */
  async refer(referTo: string, options: { referredBy?: string } & MessageExtras = {}): Promise<Referral> {
    this.requireActive();
    const headers: Record<string, string | readonly string[]> = { 'Refer-To': referTo, ...options.headers };
    if (options.referredBy) headers['Referred-By'] = options.referredBy;
    const request = this.buildRequest('REFER', { headers });
    const referral = new Referral(this.localSeq);
    this.referrals.set(referral.id, referral);
    const response = await this.send(request);
    if (response.status >= 300) {
      this.referrals.delete(referral.id);
      referral.finish(response.status);
      throw new SipRequestFailedError('REFER', response);
    }
    referral.outcome.then(() => this.referrals.delete(referral.id));
    return referral;
  }

  /** Sends any other in-dialog request and resolves with its final response. */
  async request(method: string, extras?: MessageExtras): Promise<SipResponse> {
    this.requireActive();
    return this.send(this.buildRequest(method, extras));
  }

  /** §12.2.1.1: Request-URI is the remote target, Route is the route set, CSeq rises by one. */
  buildRequest(method: string, extras?: MessageExtras, seq?: number): SipRequest {
    const target = this.core.target(this.remoteTarget, this.routeSet, this.protocol);
    const headers = new SipHeaders();
    headers.append('Via', this.core.via(target.protocol));
    headers.append('Max-Forwards', '70');
    headers.append('From', formatNameAddr(this.local));
    headers.append('To', formatNameAddr(this.remote));
    headers.append('Call-ID', this.callId);
    headers.append('CSeq', `${seq ?? ++this.localSeq} ${method}`);
    for (const route of this.routeSet) headers.append('Route', route);
    if (['INVITE', 'UPDATE', 'REFER', 'NOTIFY', 'SUBSCRIBE'].includes(method)) {
      headers.append(
        'Contact',
        this.core.contact(target.protocol, this.local.uri.scheme === 'tel' ? undefined : this.local.uri.user),
      );
    }
    if (method === 'INVITE' || method === 'UPDATE') headers.append('Supported', 'timer');
    headers.append('User-Agent', this.core.settings.userAgent);
    for (const [name, value] of Object.entries(this.core.settings.extraHeaders)) headers.append(name, value);
    const request: SipRequest = {
      kind: 'request',
      method,
      uri: this.remoteTarget,
      headers,
      body: Buffer.alloc(0),
    };
    applyExtras(request, extras);
    return request;
  }

  /** Headers of our 2xx to an INVITE or UPDATE: Contact, capabilities, and the session timer we agreed. */
  successHeaders(timer: SessionTimerAnswer): Record<string, string> {
    const headers: Record<string, string> = {
      Contact: this.core.contact(
        this.protocol,
        this.local.uri.scheme === 'tel' ? undefined : this.local.uri.user,
      ),
      ...capabilityHeaders(),
      Server: this.core.settings.userAgent,
      ...this.core.settings.extraHeaders,
    };
    if (timer.kind === 'use') {
      headers['Session-Expires'] = `${timer.interval};refresher=${timer.refresher}`;
      if (timer.require) headers.Require = 'timer';
    }
    return headers;
  }

  /**
   * Sends a 2xx to an INVITE and retransmits it (T1 doubling to T2) until the ACK; without an ACK after
   * 64·T1 the dialog is ended with BYE (§13.3.1.4).
   */
  sendInvite2xx(transaction: InviteServerTransaction, response: SipResponse): void {
    const seq = cseqOf(transaction.request).seq;
    const { t1, t2 } = this.core.settings.timers;
    transaction.respond(response);
    const retransmit = (interval: number) =>
      this.timers.start(`2xx-${seq}`, interval, () => {
        transaction.respond(response);
        retransmit(Math.min(2 * interval, t2));
      });
    retransmit(t1);
    this.timers.start(`ack-${seq}`, 64 * t1, () => {
      this.awaitingAck.delete(seq);
      this.timers.stop(`2xx-${seq}`);
      if (this.state === 'confirmed') {
        this.send(this.buildRequest('BYE')).catch(() => {});
        this.end('ack-timeout');
      }
    });
    this.awaitingAck.set(seq, () => {
      this.timers.stop(`2xx-${seq}`);
      this.timers.stop(`ack-${seq}`);
    });
  }

  /** Starts RFC 4028 timers: refresh at half the interval if we refresh, else BYE shortly before expiry. */
  startSessionTimer(interval: number, weRefresh: boolean): void {
    const { refreshAfter, expireAfter } = sessionTimes(interval);
    this.timers.stop('session-refresh');
    this.timers.stop('session-expiry');
    if (weRefresh) {
      this.timers.start('session-refresh', refreshAfter, () => {
        this.refreshSession(interval).catch(() => {});
      });
    } else {
      this.timers.start('session-expiry', expireAfter, () => {
        if (this.state !== 'confirmed') return;
        this.send(
          this.buildRequest('BYE', { headers: { Reason: 'SIP;cause=408;text="Session expired"' } }),
        ).catch(() => {});
        this.end('session-expired');
      });
    }
  }

  /** Handles a request the core matched to this dialog (§12.2.2). */
  receiveRequest(transaction: ServerTransaction): void {
    const request = transaction.request;
    if (this.state === 'terminated') {
      transaction.reply(481);
      return;
    }
    const { seq } = cseqOf(request);
    if (this.remoteSeq !== undefined && seq < this.remoteSeq) {
      transaction.reply(500, { reason: 'CSeq Out of Order' });
      return;
    }
    this.remoteSeq = seq;
    if (request.method === 'INVITE' || request.method === 'UPDATE') {
      const contact = contactOf(request);
      if (contact) this.remoteTarget = formatUri(contact.uri);
    }
    switch (request.method) {
      case 'BYE':
        transaction.reply(200);
        this.end('remote-bye');
        return;
      case 'INVITE':
      case 'UPDATE':
        this.receiveOffer(request.method, transaction);
        return;
      case 'INFO':
        transaction.reply(200);
        this.emit('info', request);
        return;
      case 'OPTIONS':
        transaction.reply(200, { headers: capabilityHeaders() });
        return;
      case 'REFER':
        this.receiveRefer(transaction);
        return;
      case 'NOTIFY':
        this.receiveNotify(transaction);
        return;
      default:
        if (this.listenerCount('request') > 0) this.emit('request', transaction);
        else transaction.reply(501);
    }
  }

  /** Handles the ACK of one of our 2xx responses. */
  receiveAck(ack: SipRequest): void {
    const seq = cseqOf(ack).seq;
    const stop = this.awaitingAck.get(seq);
    if (!stop) return;
    stop();
    this.awaitingAck.delete(seq);
    if (ack.body.length > 0 && this.media) {
      // The answer to the offer we put in a 2xx to an INVITE without SDP (§13.2.1).
      const outcome = readAnswer(bodyText(ack), this.media);
      if (outcome.ok) this.emit('media', outcome);
    }
    this.emit('ack', ack);
  }

  private receiveOffer(method: OfferMethod, transaction: ServerTransaction): void {
    const request = transaction.request;
    if (method === 'INVITE' && this.inviting) {
      transaction.reply(491, { headers: { 'Retry-After': '2' } });
      return;
    }
    const timer = negotiateSessionTimer(request, this.core.settings);
    if (timer.kind === 'too-small') {
      transaction.reply(422, { headers: { 'Min-SE': String(timer.minSE) } });
      return;
    }
    const respond = (status: number, sdp: string | undefined, extras?: MessageExtras) => {
      if (status >= 300) {
        transaction.reply(status, extras);
        return;
      }
      const options = {
        ...extras,
        headers: { ...this.successHeaders(timer), ...extras?.headers },
        ...(sdp === undefined ? {} : { body: { contentType: 'application/sdp', content: sdp } }),
      };
      if (sdp !== undefined) this.localSdp = sdp;
      if (timer.kind === 'use') this.startSessionTimer(timer.interval, timer.refresher === 'uas');
      if (method === 'INVITE') {
        const built = createResponse(request, status, options);
        this.sendInvite2xx(transaction as InviteServerTransaction, built);
      } else transaction.reply(status, options);
    };
    const offer = new IncomingOffer(method, request, respond);
    if (method === 'UPDATE' && offer.sdp === undefined) {
      offer.accept(this.localSdp ?? '');
      return;
    }
    if (this.listenerCount('offer') > 0) {
      this.emit('offer', offer);
      return;
    }
    this.answerAutomatically(offer);
  }

  /** Answers an in-dialog offer with our media settings: the answer follows hold/resume by mirroring. */
  private answerAutomatically(offer: IncomingOffer): void {
    if (!this.media) {
      if (offer.sdp === undefined && this.localSdp) offer.accept(this.localSdp);
      else offer.reject(488);
      return;
    }
    if (offer.sdp === undefined) {
      offer.accept(this.localSdp ?? createOffer(this.media, this.origin));
      return;
    }
    const previous = this.localSdp;
    const outcome = answerOffer(offer.sdp, this.media, { ...this.origin, version: this.origin.version + 1 });
    if (!outcome.ok) {
      offer.reject(outcome.status);
      return;
    }
    // RFC 3264 §8: the version rises only when our description changes (a pure refresh keeps it).
    if (previous === undefined || stripOrigin(previous) !== stripOrigin(outcome.sdp)) this.origin.version++;
    else outcome.sdp = previous;
    offer.accept(outcome.sdp);
    this.emit('media', outcome);
  }

  private receiveRefer(transaction: ServerTransaction): void {
    const refer = readRefer(transaction.request);
    if (!refer) {
      transaction.reply(400, { reason: 'Missing or Bad Refer-To' });
      return;
    }
    if (this.listenerCount('refer') === 0) {
      transaction.reply(603);
      return;
    }
    const id = cseqOf(transaction.request).seq;
    const incoming: IncomingRefer = {
      ...refer,
      accept: () => {
        transaction.reply(202, { headers: { Contact: this.core.contact(this.protocol) } });
        return {
          notify: async (status: number, reason: string) => {
            if (this.state === 'terminated') return;
            const final = status >= 200;
            await this.send(
              this.buildRequest('NOTIFY', {
                headers: {
                  Event: `refer;id=${id}`,
                  'Subscription-State': final ? 'terminated;reason=noresource' : 'active;expires=60',
                },
                body: { contentType: 'message/sipfrag;version=2.0', content: sipfragBody(status, reason) },
              }),
            );
          },
        };
      },
      reject: (status = 603) => {
        transaction.reply(status);
      },
    };
    this.emit('refer', incoming);
  }

  private receiveNotify(transaction: ServerTransaction): void {
    const event = transaction.request.headers.get('Event') ?? '';
    const match = /^\s*refer\s*(?:;.*\bid\s*=\s*(\d+))?/i.exec(event);
    const referral = match
      ? match[1]
        ? this.referrals.get(Number(match[1]))
        : [...this.referrals.values()][0]
      : undefined;
    if (!referral) {
      transaction.reply(481, { reason: 'Subscription Does Not Exist' });
      return;
    }
    transaction.reply(200);
    referral.notify(transaction.request);
  }

  /** Sends a session refresh: UPDATE without a body when the peer allows it, else a re-INVITE with our SDP. */
  private async refreshSession(interval: number): Promise<void> {
    if (this.state !== 'confirmed') return;
    const headers = { 'Session-Expires': `${interval};refresher=uac` };
    if (this.remoteAllow.has('update') || !this.localSdp) {
      const response = await this.send(this.buildRequest('UPDATE', { headers }));
      if (response.status < 300) this.applySessionTimerFromResponse(response);
      else if (response.status === 481 || response.status === 408) this.bye().catch(() => {});
    } else await this.reinvite(this.localSdp, { headers });
  }

  private applySessionTimerFromResponse(response: SipResponse): void {
    const allow = tokensOf(response, 'Allow');
    if (allow.size > 0) this.remoteAllow = allow;
    const expires = sessionExpiresOf(response);
    if (expires) this.startSessionTimer(expires.interval, expires.refresher !== 'uas');
  }

  private async sendInvite(request: SipRequest, seq: number): Promise<SipResponse> {
    const target = this.core.target(this.remoteTarget, this.routeSet, this.protocol);
    return new Promise((resolve, reject) => {
      let final: SipResponse | undefined;
      this.core.startInvite(request, target, {
        onResponse: (response) => {
          if (response.status < 200) return;
          if (response.status < 300) this.core.sendAck(this.buildRequest('ACK', undefined, seq), target);
          if (!final) {
            final = response;
            resolve(response);
          }
        },
        onFailure: reject,
        onTerminated: () => {},
      });
    });
  }

  private send(request: SipRequest): Promise<SipResponse> {
    return this.core.request(request, this.core.target(this.remoteTarget, this.routeSet, this.protocol));
  }

  private requireActive(): void {
    if (this.state === 'terminated') throw new SipStateError('the dialog has ended');
  }

  /** Marks the dialog ended, stops its timers and tells listeners once. */
  end(reason: DialogEndReason): void {
    if (this.state === 'terminated') return;
    this.state = 'terminated';
    this.timers.clear();
    for (const referral of this.referrals.values()) referral.finish(487);
    this.unregister();
    this.emit('terminated', reason);
  }
}

function stripOrigin(sdp: string): string {
  return sdp.replace(/^o=.*$/m, '');
}
