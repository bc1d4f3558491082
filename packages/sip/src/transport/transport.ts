/** The transports SIP runs over here (SCTP and WebSocket are out of scope). */
export type TransportProtocol = 'udp' | 'tcp' | 'tls';

/** A transport address on the other side: where a message came from or goes to. */
export interface PeerAddress {
  protocol: TransportProtocol;
  address: string;
  port: number;
}

/** Called with each whole message a transport receives (framed already on streams). */
export type MessageHandler = (data: Buffer, source: PeerAddress) => void;

/** One listening transport: it delivers framed messages and sends to a host and port. */
export interface Transport {
  readonly protocol: TransportProtocol;
  /** Whether retransmission timers apply (§17: they run only over unreliable transports). */
  readonly reliable: boolean;
  /** The bound local port (useful when configured as 0). */
  readonly port: number;
  /** Sends bytes; over streams, reuses the connection to that peer or opens one. */
  send(data: Buffer, address: string, port: number): Promise<void>;
  close(): Promise<void>;
}

/** Whether a protocol is connection-oriented. */
export function isReliable(protocol: TransportProtocol): boolean {
  return protocol !== 'udp';
}

/** The default port of a protocol (§19.1.2). */
export function defaultPort(protocol: TransportProtocol): number {
  return protocol === 'tls' ? 5061 : 5060;
}
