import { isIP, connect as netConnect, createServer as netServer, type Server, type Socket } from 'node:net';
import { connect as tlsConnect, createServer as tlsServer } from 'node:tls';
import { SipTransportError } from '../errors.js';
import { StreamFramer } from '../message/framer.js';
import type { MessageLimits } from '../message/limits.js';
import type { MessageHandler, PeerAddress, Transport } from './transport.js';

/** Certificate material for TLS, in PEM. */
export interface TlsMaterial {
  cert: string;
  key: string;
  /** Extra trust anchors for outgoing connections (a test peer's self-signed certificate). */
  ca?: string[];
  /** Verify the server certificate on outgoing connections (leave on toward Microsoft). */
  verifyPeer: boolean;
}

/** Options of a TCP or TLS listener. */
export interface StreamTransportOptions {
  protocol: 'tcp' | 'tls';
  address: string;
  port: number;
  limits: MessageLimits;
  tls?: TlsMaterial;
  onMessage: MessageHandler;
  /** A connection whose bytes cannot be framed is closed; this says why. */
  onFramingError?: (error: Error, source: PeerAddress) => void;
}

/**
 * SIP over TCP or TLS (§18.3): messages are framed by Content-Length, connections are kept and reused in
 * both directions, keyed by the peer's address and port, and CRLFCRLF keep-alives get a CRLF pong.
 */
export class StreamTransport implements Transport {
  readonly reliable = true;
  private readonly connections = new Map<string, Promise<Socket>>();

  private constructor(
    private readonly server: Server,
    private readonly options: StreamTransportOptions,
  ) {}

  /** Starts listening; port 0 picks a free port. */
  static async listen(options: StreamTransportOptions): Promise<StreamTransport> {
    if (options.protocol === 'tls' && !options.tls)
      throw new SipTransportError('TLS needs a certificate and key');
    let transport: StreamTransport | undefined;
    const onConnection = (socket: Socket) => transport?.adopt(socket);
    const server =
      options.protocol === 'tls' && options.tls
        ? tlsServer({ cert: options.tls.cert, key: options.tls.key }, onConnection)
        : netServer(onConnection);
    transport = new StreamTransport(server, options);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.address, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', () => {});
    return transport;
  }

  get protocol(): 'tcp' | 'tls' {
    return this.options.protocol;
  }

  get port(): number {
    const address = this.server.address();
    return typeof address === 'object' && address ? address.port : 0;
  }

  async send(data: Buffer, address: string, port: number): Promise<void> {
    const key = `${address}:${port}`;
    let pending = this.connections.get(key);
    if (!pending) {
      pending = this.connect(address, port);
      this.connections.set(key, pending);
      pending.catch(() => this.connections.delete(key));
    }
    const socket = await pending;
    await new Promise<void>((resolve, reject) =>
      socket.write(data, (error) =>
        error
          ? reject(new SipTransportError(`${this.protocol} write to ${key} failed: ${error.message}`))
          : resolve(),
      ),
    );
  }

  async close(): Promise<void> {
    for (const pending of this.connections.values()) pending.then((s) => s.destroy()).catch(() => {});
    this.connections.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private connect(address: string, port: number): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const tls = this.options.tls;
      const socket =
        this.options.protocol === 'tls' && tls
          ? tlsConnect({
              host: address,
              port,
              ca: tls.ca,
              rejectUnauthorized: tls.verifyPeer,
              ...(isIP(address) ? {} : { servername: address }),
              // Mutual TLS: Direct Routing checks the SBC's certificate on connections the SBC opens.
              cert: tls.cert,
              key: tls.key,
            })
          : netConnect({ host: address, port });
      const ready = this.options.protocol === 'tls' ? 'secureConnect' : 'connect';
      socket.once(ready, () => {
        socket.off('error', onError);
        this.adopt(socket, `${address}:${port}`);
        resolve(socket);
      });
      const onError = (error: Error) =>
        reject(
          new SipTransportError(`${this.protocol} connection to ${address}:${port} failed: ${error.message}`),
        );
      socket.once('error', onError);
    });
  }

  /** Reads framed messages from a connection and makes it reusable for sending back to that peer. */
  private adopt(socket: Socket, key = `${socket.remoteAddress}:${socket.remotePort}`): void {
    const source: PeerAddress = {
      protocol: this.options.protocol,
      address: socket.remoteAddress ?? '',
      port: socket.remotePort ?? 0,
    };
    if (!this.connections.has(key)) this.connections.set(key, Promise.resolve(socket));
    const framer = new StreamFramer(this.options.limits);
    socket.on('data', (chunk: Buffer) => {
      try {
        for (const item of framer.push(chunk)) {
          if (item.type === 'ping') socket.write('\r\n');
          else this.options.onMessage(item.data, source);
        }
      } catch (error) {
        this.options.onFramingError?.(error as Error, source);
        socket.destroy();
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      this.connections.get(key)?.then((s) => {
        if (s === socket) this.connections.delete(key);
      });
    });
  }
}
