import { EventEmitter } from 'node:events';
import { type CoreSettings, type DialogSink, dialogKey, type UserAgentCore } from '../dialog/core.js';
import { IncomingCall } from '../dialog/incoming-call.js';
import { type InviteOptions, OutgoingCall } from '../dialog/outgoing-call.js';
import { negotiateSessionTimer } from '../dialog/session-timer.js';
import { SipParseError, SipTransportError } from '../errors.js';
import { callIdOf, fromOf, tagOf, tokensOf, toOf } from '../message/fields.js';
import { SipHeaders } from '../message/headers.js';
import { applyExtras, type MessageExtras, type SipRequest, type SipResponse } from '../message/message.js';
import { parseNameAddr } from '../message/name-addr.js';
import { parseUri, uriTransport } from '../message/uri.js';
import type { ClientTransaction, ClientTransactionEvents } from '../transaction/client.js';
import { newBranch, newTag } from '../transaction/keys.js';
import { TransactionLayer } from '../transaction/layer.js';
import { InviteServerTransaction, type ServerTransaction } from '../transaction/server.js';
import { generateSelfSignedCertificate } from '../transport/certificate.js';
import { TransportLayer } from '../transport/layer.js';
import { defaultPort, type PeerAddress, type TransportProtocol } from '../transport/transport.js';
import { allowedMethods, capabilityHeaders, supportedOptions } from './capabilities.js';
import { parseSipConfig, type ResolvedSipConfig, type SipEndpointConfig } from './config.js';

/** What an endpoint reports to the app. */
export interface SipEndpointEvents {
  /** A new call. Ring, answer or reject it; without a listener INVITEs get 480. */
  invite: [call: IncomingCall];
  /** An out-of-dialog request other than INVITE, OPTIONS and CANCEL (MESSAGE, SUBSCRIBE…); answer it. */
  request: [transaction: ServerTransaction];
  /** Bytes that were not a valid SIP message: dropped, or answered 400/416/505/513 when possible. */
  rejected: [error: SipParseError, source: PeerAddress];
}

/** Methods that only make sense inside a dialog: outside one they get 481 (§12.2.2). */
const dialogOnly = new Set(['BYE', 'INFO', 'UPDATE', 'PRACK', 'NOTIFY', 'REFER']);

/**
 * A SIP user agent (UAS and UAC): transports, transactions and dialogs behind one object. It emits
 * incoming calls, answers OPTIONS and CANCEL itself, and places outgoing calls for B2BUA legs.
 */
export class SipEndpoint extends EventEmitter<SipEndpointEvents> implements UserAgentCore {
  readonly settings: CoreSettings;
  private transports!: TransportLayer;
  private readonly transactions: TransactionLayer;
  private readonly dialogs = new Map<string, DialogSink>();
  private readonly calls = new WeakMap<InviteServerTransaction, IncomingCall>();

  private constructor(
    readonly config: ResolvedSipConfig,
    /** The TLS certificate in use (PEM), so a test peer or the demo can trust a generated one. */
    readonly certificate: string | undefined,
  ) {
    super();
    this.settings = config;
    this.transactions = new TransactionLayer(
      {
        sendRequest: (request, target) => this.transports.sendRequest(request, target),
        sendResponse: (response, source) => this.transports.sendResponse(response, source),
      },
      config.timers,
      {
        onRequest: (transaction) => this.onRequest(transaction),
        onAck: (ack) => this.onAck(ack),
      },
    );
  }

  /** Validates the config, opens the listeners (generating a TLS certificate if none is given) and starts. */
  static async start(input: SipEndpointConfig = {}): Promise<SipEndpoint> {
    const config = parseSipConfig(input);
    let tls:
      | ({ port: number } & { cert: string; key: string; ca?: string[]; verifyPeer: boolean })
      | undefined;
    if (config.tls) {
      const material =
        config.tls.cert && config.tls.key
          ? { cert: config.tls.cert, key: config.tls.key }
          : await generateSelfSignedCertificate(config.host);
      tls = { port: config.tls.port, verifyPeer: config.tls.verifyPeer, ...material };
      if (config.tls.ca) tls.ca = config.tls.ca;
    }
    const endpoint = new SipEndpoint(config, tls?.cert);
    endpoint.transports = await TransportLayer.start(
      {
        bindAddress: config.bindAddress,
        limits: { maxMessageBytes: config.maxMessageBytes, maxHeaderBytes: config.maxHeaderBytes },
        ...(config.udp ? { udp: config.udp } : {}),
        ...(config.tcp ? { tcp: config.tcp } : {}),
        ...(tls ? { tls } : {}),
      },
      {
        onMessage: (message, source) => {
          try {
            if (message.kind === 'request') endpoint.transactions.receiveRequest(message, source);
            else endpoint.transactions.receiveResponse(message);
          } catch (error) {
            if (!(error instanceof SipParseError)) throw error;
            endpoint.emit('rejected', error, source);
          }
        },
        onRejected: (error, source) => endpoint.emit('rejected', error, source),
      },
    );
    return endpoint;
  }

  /** The bound port of each listener (the real ones when configured as 0). */
  get ports(): Partial<Record<TransportProtocol, number>> {
    return this.transports.ports;
  }

  /** Places a call; see `OutgoingCall`. */
  invite(options: InviteOptions): OutgoingCall {
    return new OutgoingCall(this, options);
  }

  /** Sends OPTIONS (the Direct Routing keep-alive, with the Contact it requires) and resolves with the answer. */
  options(uri: string, extras: MessageExtras & { target?: PeerAddress } = {}): Promise<SipResponse> {
    const target = extras.target ?? this.target(uri, []);
    const headers = new SipHeaders();
    headers.append('Via', this.via(target.protocol));
    headers.append('Max-Forwards', '70');
    headers.append('From', `<sip:${this.config.host}>;tag=${newTag()}`);
    headers.append('To', `<${uri}>`);
    headers.append('Call-ID', `${newTag()}${newTag()}@${this.config.host}`);
    headers.append('CSeq', '1 OPTIONS');
    headers.append('Contact', this.contact(target.protocol));
    for (const [name, value] of Object.entries(capabilityHeaders())) headers.append(name, value);
    headers.append('User-Agent', this.config.userAgent);
    for (const [name, value] of Object.entries(this.config.extraHeaders)) headers.append(name, value);
    const request: SipRequest = { kind: 'request', method: 'OPTIONS', uri, headers, body: Buffer.alloc(0) };
    applyExtras(request, extras);
    return this.request(request, target);
  }

  /** Stops every transaction and closes the listeners. */
  async close(): Promise<void> {
    this.transactions.clear();
    await this.transports.close();
  }

  // ---- UserAgentCore: what calls and dialogs use ----

  request(
    request: SipRequest,
    target: PeerAddress,
    onProvisional?: (r: SipResponse) => void,
  ): Promise<SipResponse> {
    return new Promise((resolve, reject) => {
      this.transactions.sendRequest(request, target, {
        onResponse: (response) => (response.status < 200 ? onProvisional?.(response) : resolve(response)),
        onFailure: reject,
        onTerminated: () => {},
      });
    });
  }

  startInvite(request: SipRequest, target: PeerAddress, events: ClientTransactionEvents): ClientTransaction {
    return this.transactions.sendRequest(request, target, events);
  }

  sendAck(ack: SipRequest, target: PeerAddress): void {
    this.transports.sendRequest(ack, target).catch(() => {});
  }

  via(protocol: TransportProtocol): string {
    return `SIP/2.0/${protocol.toUpperCase()} ${this.hostPort(protocol)};branch=${newBranch()};rport`;
  }

  contact(protocol: TransportProtocol, user?: string): string {
    const userinfo = user ? `${user}@` : '';
    return `<sip:${userinfo}${this.hostPort(protocol)};transport=${protocol}>`;
  }

  target(uri: string, routeSet: readonly string[], preferred?: TransportProtocol): PeerAddress {
    const first = routeSet[0];
    const next = first === undefined ? parseUri(uri) : parseNameAddr(first).uri;
    if (next.scheme === 'tel') throw new SipTransportError(`cannot route to ${uri} without a SIP route`);
    // Without ;transport the RFC 3263 default is UDP; a dialog begun over TCP/TLS stays on it instead.
    let protocol: TransportProtocol =
      next.params.transport !== undefined || next.scheme === 'sips'
        ? uriTransport(next)
        : (preferred ?? 'udp');
    if (!this.transports.transport(protocol)) {
      const fallback = (['udp', 'tcp', 'tls'] as const).find((p) => this.transports.transport(p));
      if (!fallback) throw new SipTransportError('no transport is configured');
      protocol = fallback;
    }
    return { protocol, address: next.host.replace(/^\[|\]$/g, ''), port: next.port ?? defaultPort(protocol) };
  }

  register(key: string, dialog: DialogSink): () => void {
    this.dialogs.set(key, dialog);
    return () => {
      if (this.dialogs.get(key) === dialog) this.dialogs.delete(key);
    };
  }

  // ---- UAS core (§8.2) ----

  private onRequest(transaction: ServerTransaction): void {
    const request = transaction.request;
    if (request.method === 'CANCEL') {
      this.onCancel(transaction);
      return;
    }
    const maxForwards = request.headers.get('Max-Forwards');
    if (maxForwards !== undefined && Number(maxForwards) === 0 && request.method !== 'OPTIONS') {
      transaction.reply(483);
      return;
    }
    const unsupported = [...tokensOf(request, 'Require')].filter((tag) => !supportedOptions.includes(tag));
    if (unsupported.length > 0) {
      transaction.reply(420, { headers: { Unsupported: unsupported.join(', ') } });
      return;
    }
    const toTag = tagOf(toOf(request));
    if (toTag !== undefined) {
      const dialog = this.dialogs.get(dialogKey(callIdOf(request), toTag, tagOf(fromOf(request)) ?? ''));
      if (dialog) dialog.receiveRequest(transaction);
      else transaction.reply(481);
      return;
    }
    if (request.method === 'INVITE' && transaction instanceof InviteServerTransaction) {
      this.onInvite(transaction);
    } else if (request.method === 'OPTIONS') {
      transaction.reply(200, {
        headers: {
          ...capabilityHeaders(),
          Contact: this.contact(transaction.source.protocol),
          Server: this.config.userAgent,
          ...this.config.extraHeaders,
        },
      });
    } else if (dialogOnly.has(request.method)) {
      transaction.reply(481);
    } else if (this.listenerCount('request') > 0) {
      this.emit('request', transaction);
    } else if (['REGISTER', 'SUBSCRIBE', 'MESSAGE', 'PUBLISH'].includes(request.method)) {
      transaction.reply(405, { headers: { Allow: allowedMethods.join(', ') } });
    } else {
      transaction.reply(501);
    }
  }

  private onInvite(transaction: InviteServerTransaction): void {
    const request = transaction.request;
    if (!request.headers.has('Contact')) {
      transaction.reply(400, { reason: 'Missing Contact Header' });
      return;
    }
    const type = request.headers.get('Content-Type')?.split(';')[0]?.trim().toLowerCase();
    if (request.body.length > 0 && type !== 'application/sdp') {
      transaction.reply(415, { headers: { Accept: 'application/sdp' } });
      return;
    }
    const timer = negotiateSessionTimer(request, this.config);
    if (timer.kind === 'too-small') {
      transaction.reply(422, { headers: { 'Min-SE': String(timer.minSE) } });
      return;
    }
    if (this.listenerCount('invite') === 0) {
      transaction.reply(480);
      return;
    }
    const call = new IncomingCall(this, transaction, timer);
    this.calls.set(transaction, call);
    this.emit('invite', call);
  }

  /** §9.2: 200 to the CANCEL, and 487 to the INVITE if it has no final response yet. */
  private onCancel(transaction: ServerTransaction): void {
    const invite = this.transactions.inviteFor(transaction.request);
    if (!invite) {
      transaction.reply(481);
      return;
    }
    const call = this.calls.get(invite);
    transaction.reply(200, call ? { toTag: call.toTag } : {});
    if (call) call.cancel();
    else if (!invite.finalSent) invite.reply(487);
  }

  private onAck(ack: SipRequest): void {
    const toTag = tagOf(toOf(ack));
    if (toTag === undefined) return;
    this.dialogs.get(dialogKey(callIdOf(ack), toTag, tagOf(fromOf(ack)) ?? ''))?.receiveAck(ack);
  }

  private hostPort(protocol: TransportProtocol): string {
    const port = this.transports.transport(protocol)?.port ?? defaultPort(protocol);
    return `${this.config.host}:${port}`;
  }
}
