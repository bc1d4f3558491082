import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { capabilityHeaders } from '../endpoint/capabilities.js';
import { SipRequestFailedError } from '../errors.js';
import { contactOf, cseqOf, tagOf, tokensOf, toOf } from '../message/fields.js';
import { SipHeaders } from '../message/headers.js';
import {
  applyExtras,
  bodyText,
  type MessageExtras,
  type SipRequest,
  type SipResponse,
} from '../message/message.js';
import { formatNameAddr, type NameAddr, parseNameAddr } from '../message/name-addr.js';
import { formatUri, parseUri } from '../message/uri.js';
import type { LocalAudio } from '../sdp/local.js';
import { type AcceptedOffer, createOffer, newOrigin, readAnswer } from '../sdp/negotiate.js';
import { newTag } from '../transaction/keys.js';
import type { PeerAddress } from '../transport/transport.js';
import type { UserAgentCore } from './core.js';
import { Dialog } from './dialog.js';
import { sessionExpiresOf } from './session-timer.js';

/** How to place an outgoing call (the agent leg of a B2BUA, or a call toward Teams). */
export interface InviteOptions extends MessageExtras {
  /** The Request-URI, e.g. `sip:+14255550100@sip.pstnhub.microsoft.com;user=phone`. */
  uri: string;
  /** Our identity: `<sip:+14255550123@sbc.example.com;user=phone>` (a tag is added). */
  from: string;
  /** The callee as a name-addr; defaults to the Request-URI. */
  to?: string;
  /** Our media: an offer is made from it and the answer read against it. */
  media?: LocalAudio;
  /** A ready SDP offer instead of `media`. */
  sdp?: string;
  /** Send here instead of resolving the Request-URI (an outbound proxy or a fixed SBC address). */
  target?: PeerAddress;
  /** Route headers to put on the request (pre-loaded route set). */
  route?: string[];
  /** RFC 4028 interval to ask for; false leaves session timers out. Default: the endpoint's. */
  sessionExpires?: number | false;
}

/** A call that was answered: its dialog, the 2xx, and the negotiated media when we offered from `media`. */
export interface AnsweredCall {
  dialog: Dialog;
  response: SipResponse;
  negotiated?: AcceptedOffer;
}

/** What an outgoing call reports before its answer. */
export interface OutgoingCallEvents {
  /** 180 Ringing, 183 Session Progress (with early-media SDP) and other provisionals. */
  progress: [response: SipResponse];
}

/**
 * An INVITE we sent (§13.2). `answered` resolves on the first 2xx (which is ACKed) and rejects with
 * `SipRequestFailedError` (final failure, including 487 after `cancel()`) or `SipTimeoutError` (timer B).
 */
export class OutgoingCall extends EventEmitter<OutgoingCallEvents> {
  readonly request: SipRequest;
  readonly callId: string;
  readonly answered: Promise<AnsweredCall>;
  private state: 'calling' | 'proceeding' | 'answered' | 'failed' = 'calling';
  private cancelRequested = false;
  private cancelSent = false;
  private dialog: Dialog | undefined;
  private readonly target: PeerAddress;
  private readonly local: NameAddr;
  private readonly origin = newOrigin();

  constructor(
    private readonly core: UserAgentCore,
    private readonly options: InviteOptions,
  ) {
    super();
    this.callId = `${randomBytes(12).toString('hex')}@parley`;
    const route = options.route ?? [];
    this.target = options.target ?? core.target(options.uri, route);
    const from = parseNameAddr(options.from);
    this.local = { ...from, params: { ...from.params, tag: newTag() } };
    this.request = this.buildInvite(route);
    let resolve!: (value: AnsweredCall) => void;
    let reject!: (error: Error) => void;
    this.answered = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    this.answered.catch(() => {}); // Callers that only cancel need not await.
    core.startInvite(this.request, this.target, {
      onResponse: (response) => this.onResponse(response, resolve, reject),
      onFailure: (error) => {
        this.state = 'failed';
        reject(error);
      },
      onTerminated: () => {},
    });
  }

  /** Cancels the call if it is not answered yet (§9.1: once a provisional has arrived). */
  cancel(): void {
    if (this.state === 'answered' || this.state === 'failed') return;
    this.cancelRequested = true;
    if (this.state === 'proceeding') this.sendCancel();
  }

  private onResponse(
    response: SipResponse,
    resolve: (value: AnsweredCall) => void,
    reject: (error: Error) => void,
  ): void {
    if (response.status < 200) {
      if (this.state === 'calling') this.state = 'proceeding';
      if (this.cancelRequested) this.sendCancel();
      if (response.status > 100) this.emit('progress', response);
      return;
    }
    if (response.status >= 300) {
      this.state = 'failed';
      reject(new SipRequestFailedError('INVITE', response));
      return;
    }
    const remoteTag = tagOf(toOf(response)) ?? '';
    if (this.dialog && this.dialog.remoteTag === remoteTag) {
      this.ack(this.dialog); // A retransmitted 2xx: our ACK was lost (§13.2.2.4).
      return;
    }
    const dialog = this.createDialog(response);
    this.ack(dialog);
    if (this.dialog || this.cancelRequested) {
      // A second fork answered, or the answer crossed our CANCEL: hang that leg up.
      dialog.bye().catch(() => {});
      if (!this.dialog) {
        this.state = 'failed';
        reject(
          new SipRequestFailedError('INVITE', { ...response, status: 487, reason: 'Request Terminated' }),
        );
      }
      return;
    }
    this.dialog = dialog;
    this.state = 'answered';
    const answered: AnsweredCall = { dialog, response };
    if (this.options.media && response.body.length > 0) {
      const outcome = readAnswer(bodyText(response), this.options.media);
      if (outcome.ok) answered.negotiated = outcome;
    }
    const timer = sessionExpiresOf(response);
    if (timer) dialog.startSessionTimer(timer.interval, timer.refresher !== 'uas');
    resolve(answered);
  }

  /** §12.1.2: route set from Record-Route reversed, remote target from Contact, our CSeq. */
  private createDialog(response: SipResponse): Dialog {
    const contact = contactOf(response);
    return new Dialog(this.core, {
      role: 'uac',
      callId: this.callId,
      local: this.local,
      remote: toOf(response),
      remoteTarget: contact ? formatUri(contact.uri) : this.options.uri,
      routeSet: response.headers.getAll('Record-Route').reverse(),
      localSeq: cseqOf(this.request).seq,
      protocol: this.target.protocol,
      origin: this.origin,
      remoteAllow: tokensOf(response, 'Allow'),
      ...(this.options.media ? { media: this.options.media } : {}),
      ...(this.request.body.length > 0 ? { localSdp: bodyText(this.request) } : {}),
    });
  }

  private ack(dialog: Dialog): void {
    const ack = dialog.buildRequest('ACK', undefined, cseqOf(this.request).seq);
    this.core.sendAck(ack, this.core.target(dialog.remoteTarget, dialog.routeSet, this.target.protocol));
  }

  /** §9.1: same Request-URI, Call-ID, From, To, CSeq number and top Via as the INVITE. */
  private sendCancel(): void {
    if (this.cancelSent) return;
    this.cancelSent = true;
    const headers = new SipHeaders();
    for (const name of ['Via', 'Max-Forwards', 'From', 'To', 'Call-ID']) {
      const value = this.request.headers.get(name);
      if (value !== undefined) headers.append(name, value);
    }
    headers.append('CSeq', `${cseqOf(this.request).seq} CANCEL`);
    for (const route of this.request.headers.getAll('Route')) headers.append('Route', route);
    const cancel: SipRequest = {
      kind: 'request',
      method: 'CANCEL',
      uri: this.request.uri,
      headers,
      body: Buffer.alloc(0),
    };
    this.core.request(cancel, this.target).catch(() => {});
  }

  private buildInvite(route: string[]): SipRequest {
    const options = this.options;
    const headers = new SipHeaders();
    headers.append('Via', this.core.via(this.target.protocol));
    headers.append('Max-Forwards', '70');
    headers.append('From', formatNameAddr(this.local));
    headers.append('To', options.to ?? `<${options.uri}>`);
    headers.append('Call-ID', this.callId);
    headers.append('CSeq', '1 INVITE');
    for (const r of route) headers.append('Route', r);
    const fromUri = this.local.uri;
    headers.append(
      'Contact',
      this.core.contact(this.target.protocol, fromUri.scheme === 'tel' ? undefined : fromUri.user),
    );
    for (const [name, value] of Object.entries(capabilityHeaders())) headers.append(name, value);
    const interval = options.sessionExpires ?? this.core.settings.sessionExpires;
    if (interval !== false) {
      headers.append('Session-Expires', String(interval));
      headers.append('Min-SE', String(this.core.settings.minSessionExpires));
    }
    headers.append('User-Agent', this.core.settings.userAgent);
    for (const [name, value] of Object.entries(this.core.settings.extraHeaders)) headers.append(name, value);
    const request: SipRequest = {
      kind: 'request',
      method: 'INVITE',
      uri: options.uri,
      headers,
      body: Buffer.alloc(0),
    };
    parseUri(options.uri); // Fail fast on a bad Request-URI, before anything is sent.
    const sdp = options.sdp ?? (options.media ? createOffer(options.media, this.origin) : undefined);
    applyExtras(request, {
      ...(options.headers ? { headers: options.headers } : {}),
      ...(sdp ? { body: { contentType: 'application/sdp', content: sdp } } : {}),
    });
    return request;
  }
}
