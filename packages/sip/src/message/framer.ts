import { SipParseError } from '../errors.js';
import { headerKey } from './header-names.js';
import { defaultLimits, type MessageLimits } from './limits.js';
import { findHeadEnd } from './parse.js';

/** What a stream framer found in the bytes received so far. */
export type FramedItem =
  | { type: 'message'; data: Buffer }
  /** A CRLFCRLF keep-alive ping (RFC 5626 §3.5.1) to answer with a single CRLF pong. */
  | { type: 'ping' };

/**
 * Cuts SIP messages out of a TCP/TLS byte stream by the Content-Length header (§18.3). A stream without
 * Content-Length, or with headers past the size limit, cannot be re-synchronised: `push` throws and the
 * connection should be closed.
 */
export class StreamFramer {
  private buffer: Buffer = Buffer.alloc(0);

  constructor(private readonly limits: MessageLimits = defaultLimits) {}

  /** Adds received bytes and returns every complete item they finish. */
  push(chunk: Buffer): FramedItem[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const items: FramedItem[] = [];
    for (;;) {
      while (this.buffer.subarray(0, 4).equals(doubleCrlf)) {
        items.push({ type: 'ping' });
        this.buffer = this.buffer.subarray(4);
      }
      let start = 0;
      while (start < this.buffer.length && (this.buffer[start] === 0x0d || this.buffer[start] === 0x0a))
        start++;
      // A lone CRLF is a pong or stray line; a run still shorter than a ping may become one.
      if (start === this.buffer.length && start < 4) return items;
      this.buffer = this.buffer.subarray(start);
      if (this.buffer.length === 0) return items;
      const sep = findHeadEnd(this.buffer);
      if (!sep) {
        if (this.buffer.length > this.limits.maxMessageBytes) {
          throw new SipParseError('too-large', 'headers exceed the message size limit');
        }
        return items;
      }
      const head = this.buffer.subarray(0, sep.index).toString('utf8');
      const length = declaredLength(head);
      const total = sep.index + sep.length + length;
      if (total > this.limits.maxMessageBytes) throw new SipParseError('too-large', 'Message Too Large');
      if (this.buffer.length < total) return items;
      items.push({ type: 'message', data: Buffer.from(this.buffer.subarray(0, total)) });
      this.buffer = this.buffer.subarray(total);
    }
  }
}

const doubleCrlf = Buffer.from('\r\n\r\n');

function declaredLength(head: string): number {
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon === -1 || headerKey(line.slice(0, colon).trim()) !== 'content-length') continue;
    const value = line.slice(colon + 1).trim();
    if (!/^\d{1,10}$/.test(value))
      throw new SipParseError('bad-content-length', `bad Content-Length "${value}"`);
    return Number(value);
  }
  throw new SipParseError('bad-content-length', 'Content-Length is required on a stream transport');
}
