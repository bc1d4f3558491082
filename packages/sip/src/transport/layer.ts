import { SipParseError, SipTransportError } from '../errors.js';
import { topViaOf } from '../message/fields.js';
import type { MessageLimits } from '../message/limits.js';
import type { SipMessage, SipRequest, SipResponse } from '../message/message.js';
import { parseMessage } from '../message/parse.js';
import { createResponse } from '../message/response.js';
import { serializeMessage } from '../message/serialize.js';
import { formatVia, type Via } from '../message/via.js';
import { StreamTransport, type TlsMaterial } from './stream.js';
import { defaultPort, type PeerAddress, type Transport, type TransportProtocol } from './transport.js';
import { UdpTransport } from './udp.js';

/** What the transport layer listens on. A protocol left out is not offered. */
export interface TransportLayerOptions {
  bindAddress: string;
  udp?: { port: number };
  tcp?: { port: number };
  tls?: { port: number } & TlsMaterial;
  limits: MessageLimits;
}

/** Where the transport layer reports. */
export interface TransportLayerEvents {
  /** A parsed message, with `received`/`rport` already on the top Via of a request. */
  onMessage(message: SipMessage, source: PeerAddress): void;
  /** A message that was dropped or answered statelessly because it could not be parsed. */
  onRejected?(error: SipParseError, source: PeerAddress): void;
}

/**
 * The transport layer of §18: it owns the sockets, parses what arrives, stamps `received`/`rport`
 * (RFC 3581) on requests, answers unparseable requests with 400 (or 416/505/513), and sends responses back
 * to the Via per §18.2.2.
 */
export class TransportLayer {
  private readonly transports = new Map<TransportProtocol, Transport>();

  private constructor(private readonly events: TransportLayerEvents) {}

  /** Opens every configured listener. */
  static async start(options: TransportLayerOptions, events: TransportLayerEvents): Promise<TransportLayer> {
    const layer = new TransportLayer(events);
    const deliver = (data: Buffer, source: PeerAddress) => layer.receive(data, source, options.limits);
    try {
      if (options.udp)
        layer.transports.set(
          'udp',
          await UdpTransport.listen(options.bindAddress, options.udp.port, deliver),
        );
      for (const protocol of ['tcp', 'tls'] as const) {
        const config = options[protocol];
        if (!config) continue;
        const transport = await StreamTransport.listen({
          protocol,
          address: options.bindAddress,
          port: config.port,
          limits: options.limits,
          ...(protocol === 'tls' ? { tls: options.tls } : {}),
          onMessage: deliver,
          onFramingError: (error, source) =>
            events.onRejected?.(
              error instanceof SipParseError ? error : new SipParseError('garbage', error.message),
              source,
            ),
        });
        layer.transports.set(protocol, transport);
      }
    } catch (error) {
      await layer.close();
      throw error;
    }
    return layer;
  }

  /** The listener of a protocol, if configured. */
  transport(protocol: TransportProtocol): Transport | undefined {
    return this.transports.get(protocol);
  }

  /** The bound port of every listener. */
  get ports(): Partial<Record<TransportProtocol, number>> {
    return Object.fromEntries([...this.transports].map(([protocol, t]) => [protocol, t.port]));
  }

  /** Sends a request to a resolved target. */
  async sendRequest(request: SipRequest, target: PeerAddress): Promise<void> {
    await this.require(target.protocol).send(serializeMessage(request), target.address, target.port);
  }

  /** Sends a response where §18.2.2 says: the request's connection if reliable, else per the top Via. */
  async sendResponse(response: SipResponse, source: PeerAddress): Promise<void> {
    const target = responseTarget(topViaOf(response), source);
    await this.require(target.protocol).send(serializeMessage(response), target.address, target.port);
  }

  async close(): Promise<void> {
    await Promise.all([...this.transports.values()].map((t) => t.close()));
    this.transports.clear();
  }

  private require(protocol: TransportProtocol): Transport {
    const transport = this.transports.get(protocol);
    if (!transport) throw new SipTransportError(`no ${protocol} transport is configured`);
    return transport;
  }

  private receive(data: Buffer, source: PeerAddress, limits: MessageLimits): void {
    let message: SipMessage;
    try {
      message = parseMessage(data, limits);
    } catch (error) {
      if (!(error instanceof SipParseError)) throw error;
      this.events.onRejected?.(error, source);
      this.answerUnparseable(error, source);
      return;
    }
    if (message.kind === 'request') stampReceived(message, source);
    this.events.onMessage(message, source);
  }

  /** A request that names itself well enough gets a stateless error; anything else is dropped (§16.3). */
  private answerUnparseable(error: SipParseError, source: PeerAddress): void {
    const request = error.partial;
    if (!request || request.method === 'ACK' || !request.headers.has('Via')) return;
    const response = createResponse(request, error.status, { reason: error.message });
    // The Via itself may be what is broken, so the answer goes back to where the bytes came from.
    this.require(source.protocol)
      .send(serializeMessage(response), source.address, source.port)
      .catch(() => {});
  }
}

/** RFC 3261 §18.2.1 and RFC 3581 §4: record the source address (and port, when asked) on the top Via. */
function stampReceived(request: SipRequest, source: PeerAddress): void {
  const via = topViaOf(request);
  const wantsPort = 'rport' in via.params;
  if (via.host.replace(/^\[|\]$/g, '') !== source.address || wantsPort) via.params.received = source.address;
  if (wantsPort) via.params.rport = String(source.port);
  request.headers.replaceFirst('Via', formatVia(via));
}

/** §18.2.2 with RFC 3581: where a response to a request that came from `source` goes. */
export function responseTarget(via: Via, source: PeerAddress): PeerAddress {
  if (source.protocol !== 'udp') return source;
  const rport = via.params.rport;
  const received = via.params.received ?? undefined;
  if (rport && received) return { protocol: 'udp', address: received, port: Number(rport) };
  const port = via.port ?? defaultPort('udp');
  return { protocol: 'udp', address: received ?? via.host.replace(/^\[|\]$/g, ''), port };
}
