import { randomInt } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { RtpSessionError } from '../errors';

/** Where an RTP socket listens: a fixed port (0: any free one), or the first free even port of a range. */
export interface RtpBindOptions {
  /** Local address to bind (default `0.0.0.0`; an IPv6 address makes a udp6 socket). */
  address?: string;
  port?: number;
  /** Inclusive range for production media ports, e.g. `{ min: 40000, max: 49999 }`; wins over `port`. */
  portRange?: { min: number; max: number };
}

/** Binds a UDP socket for RTP. Ranges are tried from a random even port, RTP's convention (RFC 3550 §11). */
export async function bindRtpSocket(options: RtpBindOptions = {}): Promise<Socket> {
  const address = options.address ?? '0.0.0.0';
  const range = options.portRange;
  if (!range) return bind(address, options.port ?? 0);
  const first = range.min + (range.min % 2);
  const evenPorts = Math.floor((range.max - first) / 2) + 1;
  if (evenPorts <= 0)
    throw new RtpSessionError('ports-exhausted', `no even port in ${range.min}-${range.max}`);
  const offset = randomInt(evenPorts);
  for (let i = 0; i < evenPorts; i++) {
    const port = first + ((offset + i) % evenPorts) * 2;
    try {
      return await bind(address, port);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
  throw new RtpSessionError('ports-exhausted', `every even port in ${range.min}-${range.max} is in use`);
}

function bind(address: string, port: number): Promise<Socket> {
  const socket = createSocket({ type: isIPv6(address) ? 'udp6' : 'udp4' });
  return new Promise((resolve, reject) => {
    socket.once('error', (error) => {
      socket.close();
      reject(error);
    });
    socket.bind({ address, port, exclusive: true }, () => {
      socket.removeAllListeners('error');
      resolve(socket);
    });
  });
}
