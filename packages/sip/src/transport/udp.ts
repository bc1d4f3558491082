import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { SipTransportError } from '../errors.js';
import type { MessageHandler, Transport } from './transport.js';

/** SIP over UDP: one socket, one datagram per message (§18.1.1 size limits are the caller's concern). */
export class UdpTransport implements Transport {
  readonly protocol = 'udp' as const;
  readonly reliable = false;

  private constructor(private readonly socket: Socket) {}

  /** Binds a UDP socket on `address:port` (port 0 picks a free one) and delivers datagrams to `onMessage`. */
  static async listen(address: string, port: number, onMessage: MessageHandler): Promise<UdpTransport> {
    const socket = createSocket({ type: isIPv6(address) ? 'udp6' : 'udp4', reuseAddr: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, address, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    socket.on('message', (data, rinfo) =>
      onMessage(data, { protocol: 'udp', address: rinfo.address, port: rinfo.port }),
    );
    // ICMP errors surface as socket errors; a send failure is reported to its sender instead.
    socket.on('error', () => {});
    return new UdpTransport(socket);
  }

  get port(): number {
    return this.socket.address().port;
  }

  send(data: Buffer, address: string, port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.send(data, port, address, (error) =>
        error
          ? reject(new SipTransportError(`UDP send to ${address}:${port} failed: ${error.message}`))
          : resolve(),
      );
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}
