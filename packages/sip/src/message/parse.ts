import { SipParseError } from '../errors.js';
import { callIdOf, contentLengthOf, cseqOf, fromOf, toOf, viasOf } from './fields.js';
import { isListHeader } from './header-names.js';
import { SipHeaders } from './headers.js';
import { defaultLimits, type MessageLimits } from './limits.js';
import type { SipMessage, SipRequest } from './message.js';
import { splitList } from './split.js';
import { parseUri } from './uri.js';

const token = /^[A-Za-z0-9.!%*_+`'~-]+$/;

/**
 * Parses one SIP message (a datagram, or one message a stream framer cut out). Throws `SipParseError`;
 * when the bytes were a request whose headers could be read, the error's `partial` lets a UAS answer it.
 */
export function parseMessage(data: Buffer, limits: MessageLimits = defaultLimits): SipMessage {
  let start = 0;
  // RFC 3261 §7.5: CRLFs before the start line are ignored (stream keep-alives, sloppy senders).
  while (start < data.length && (data[start] === 0x0d || data[start] === 0x0a)) start++;
  const sep = findHeadEnd(data, start);
  const headEnd = sep?.index ?? data.length;
  if (headEnd - start > limits.maxMessageBytes) throw new SipParseError('too-large', 'Message Too Large');
  const head = data.subarray(start, headEnd).toString('utf8');
  if (head === '' || hasControlBytes(head.slice(0, 256)) || !/^[A-Za-z]/.test(head)) {
    throw new SipParseError('garbage', 'not a SIP message');
  }
  const [startLine = '', ...rows] = unfold(head.split(/\r?\n/));
  const headers = new SipHeaders();
  const isResponse = /^SIP\//i.test(startLine);
  const partial: SipRequest | undefined = isResponse
    ? undefined
    : { kind: 'request', method: startLine.split(' ')[0] ?? '', uri: '', headers, body: Buffer.alloc(0) };
  const fail = (reason: SipParseError['reason'], message: string): SipParseError =>
    new SipParseError(reason, message, partial);

  for (const row of rows) {
    if (Buffer.byteLength(row) > limits.maxHeaderBytes) throw fail('too-large', 'Header Too Long');
    const colon = row.indexOf(':');
    const name = colon === -1 ? '' : row.slice(0, colon).trimEnd();
    if (!token.test(name)) throw fail('bad-header', `Malformed Header Line "${row.slice(0, 40)}"`);
    const value = row.slice(colon + 1).trim();
    if (isListHeader(name)) for (const element of splitList(value)) headers.append(name, element);
    else headers.append(name, value);
  }
  if (data.length > limits.maxMessageBytes) throw fail('too-large', 'Message Too Large');

  const message = readStartLine(startLine, headers, fail);
  if (partial && message.kind === 'request') partial.uri = message.uri;
  const bodyStart = sep ? sep.index + sep.length : data.length;
  let body = data.subarray(bodyStart);
  try {
    const declared = contentLengthOf(message);
    if (declared !== undefined) {
      if (declared > body.length) {
        throw fail('bad-content-length', `Content-Length ${declared} Larger Than Body ${body.length}`);
      }
      // Extra bytes in a datagram are discarded (§18.3).
      body = body.subarray(0, declared);
    }
    message.body = Buffer.from(body);
    validate(message);
  } catch (error) {
    if (error instanceof SipParseError && !error.partial) throw fail(error.reason, capitalise(error.message));
    throw error;
  }
  return message;
}

function readStartLine(
  line: string,
  headers: SipHeaders,
  fail: (reason: SipParseError['reason'], message: string) => SipParseError,
): SipMessage {
  const response = /^SIP\/(\d+\.\d+) (\d{3}) (.*)$/i.exec(line);
  if (response) {
    if (response[1] !== '2.0') throw fail('bad-version', `SIP Version ${response[1]} Not Supported`);
    return {
      kind: 'response',
      status: Number(response[2]),
      reason: response[3] ?? '',
      headers,
      body: Buffer.alloc(0),
    };
  }
  const request = /^([^ ]+) ([^ ]+) SIP\/(\d+\.\d+)$/i.exec(line);
  if (!request || !token.test(request[1] ?? '')) throw fail('bad-start-line', 'Bad Request Line');
  if (request[3] !== '2.0') throw fail('bad-version', `SIP Version ${request[3]} Not Supported`);
  return { kind: 'request', method: request[1] ?? '', uri: request[2] ?? '', headers, body: Buffer.alloc(0) };
}

/** The checks of §8.2 that come before any method-specific handling. */
function validate(message: SipMessage): void {
  viasOf(message);
  callIdOf(message);
  const cseq = cseqOf(message);
  fromOf(message);
  toOf(message);
  if (message.kind === 'response') return;
  if (cseq.method !== message.method) {
    throw new SipParseError('bad-header', 'CSeq Method Does Not Match Request Method');
  }
  parseUri(message.uri);
  const maxForwards = message.headers.get('Max-Forwards');
  if (maxForwards !== undefined && (!/^\s*\d{1,10}\s*$/.test(maxForwards) || Number(maxForwards) > 255)) {
    throw new SipParseError('bad-header', `bad Max-Forwards "${maxForwards}"`);
  }
}

/** Joins continuation lines (leading SP/HT) to the row before them (§7.3.1 folding). */
function unfold(lines: string[]): string[] {
  const rows: string[] = [];
  for (const line of lines) {
    if (line === '') continue;
    if ((line.startsWith(' ') || line.startsWith('\t')) && rows.length > 0) {
      rows[rows.length - 1] = `${rows[rows.length - 1]?.trimEnd()} ${line.trim()}`;
    } else rows.push(line);
  }
  return rows;
}

/** Where the empty line after the headers is: CRLFCRLF per the RFC, bare LFs tolerated. */
export function findHeadEnd(data: Buffer, from = 0): { index: number; length: number } | undefined {
  const crlf = data.indexOf('\r\n\r\n', from);
  const lf = data.indexOf('\n\n', from);
  if (crlf !== -1 && (lf === -1 || crlf < lf)) return { index: crlf, length: 4 };
  if (lf !== -1) return { index: lf, length: 2 };
  return undefined;
}

/** Control characters other than tab, CR and LF never occur in a SIP head: the bytes are something else. */
function hasControlBytes(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return true;
  }
  return false;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
