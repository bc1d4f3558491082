// A raw SIP peer for tests of Parley and of apps built on this package (exported as `@parley/sip/testing`).
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { StreamFramer } from '../message/framer.js';
import { SipHeaders } from '../message/headers.js';
import type { SipMessage, SipResponse } from '../message/message.js';
import { parseMessage } from '../message/parse.js';
import type { TransportProtocol } from '../transport/transport.js';

/** A hand-written SIP peer for tests: sends raw text, collects whatever comes back, parsed. */
export class RawPeer {
  readonly received: SipMessage[] = [];
  private waiters: (() => void)[] = [];

  private constructor(
    readonly protocol: TransportProtocol,
    private readonly write: (data: Buffer) => void,
    readonly localPort: number,
    private readonly closeFn: () => void,
  ) {}

  static async open(protocol: TransportProtocol, port: number, ca?: string): Promise<RawPeer> {
    if (protocol === 'udp') {
      const socket: UdpSocket = createSocket('udp4');
      await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
      const peer = new RawPeer(
        'udp',
        (data) => socket.send(data, port, '127.0.0.1'),
        socket.address().port,
        () => socket.close(),
      );
      socket.on('message', (data) => peer.push(data));
      return peer;
    }
    const socket: Socket = await new Promise((resolve, reject) => {
      const s =
        protocol === 'tls'
          ? tlsConnect({ host: '127.0.0.1', port, ca: ca ? [ca] : [], servername: 'localhost' }, () =>
              resolve(s),
            )
          : netConnect({ host: '127.0.0.1', port }, () => resolve(s));
      s.once('error', reject);
    });
    const peer = new RawPeer(
      protocol,
      (data) => socket.write(data),
      socket.localPort ?? 0,
      () => socket.destroy(),
    );
    const framer = new StreamFramer();
    socket.on('data', (chunk: Buffer) => {
      for (const item of framer.push(chunk)) if (item.type === 'message') peer.push(item.data);
    });
    return peer;
  }

  /** Sends lines joined with CRLF; Content-Length is computed when the text has `{{length}}`. */
  send(lines: string[], body = ''): void {
    const head = lines.join('\r\n').replace('{{length}}', String(Buffer.byteLength(body)));
    this.write(Buffer.from(`${head}\r\n\r\n${body}`));
  }

  sendRaw(data: Buffer): void {
    this.write(data);
  }

  /** Waits for a response with this status (and CSeq method, if given) that was not taken before. */
  async response(status: number, method?: string, timeoutMs = 3000): Promise<SipResponse> {
    const found = await this.waitFor(
      (m) =>
        m.kind === 'response' &&
        m.status === status &&
        (!method || (m.headers.get('CSeq') ?? '').endsWith(method)),
      timeoutMs,
    );
    return found as SipResponse;
  }

  /** Waits for a request of this method. */
  async request(method: string, timeoutMs = 3000): Promise<SipMessage> {
    return this.waitFor((m) => m.kind === 'request' && m.method === method, timeoutMs);
  }

  private taken = new Set<SipMessage>();

  private async waitFor(match: (m: SipMessage) => boolean, timeoutMs: number): Promise<SipMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find((m) => !this.taken.has(m) && match(m));
      if (found) {
        this.taken.add(found);
        return found;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; received: ${this.received.map(describe).join(', ')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private push(data: Buffer): void {
    try {
      this.received.push(parseMessage(data));
    } catch {
      // Our 400 to a request without Call-ID has no Call-ID either: keep its start line and headers.
      const [start = '', ...rows] = data.toString().split('\r\n\r\n')[0]?.split('\r\n') ?? [];
      const status = /^SIP\/2\.0 (\d{3}) (.*)$/.exec(start);
      if (!status) return;
      const headers = new SipHeaders(
        rows.map((r) => ({ name: r.slice(0, r.indexOf(':')), value: r.slice(r.indexOf(':') + 1).trim() })),
      );
      this.received.push({
        kind: 'response',
        status: Number(status[1]),
        reason: status[2] ?? '',
        headers,
        body: Buffer.alloc(0),
      });
    }
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  close(): void {
    this.closeFn();
  }
}

function describe(m: SipMessage): string {
  return m.kind === 'response' ? `${m.status} (${m.headers.get('CSeq')})` : m.method;
}

/** An SBC-style SDP offer: PCMU, PCMA and telephone-event 101. */
export function sbcOffer(port = 6000): string {
  return [
    'v=0',
    'o=sbc 1 1 IN IP4 127.0.0.1',
    's=call',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    `m=audio ${port} RTP/AVP 0 8 101`,
    'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:8 PCMA/8000',
    'a=rtpmap:101 telephone-event/8000',
    'a=fmtp:101 0-16',
    'a=sendrecv',
    '',
  ].join('\r\n');
}
