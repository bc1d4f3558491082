import { SipParseError } from '../errors.js';
import type { SipMessage } from './message.js';
import { type NameAddr, parseNameAddr } from './name-addr.js';
import { splitList } from './split.js';
import { parseVia, type Via } from './via.js';

/** A CSeq header: sequence number and method. */
export interface CSeq {
  seq: number;
  method: string;
}

/** The Call-ID; throws `missing-header` when absent. */
export function callIdOf(message: SipMessage): string {
  const value = message.headers.get('Call-ID')?.trim();
  if (!value) throw missing('Call-ID');
  return value;
}

/** The parsed CSeq; throws when absent or malformed (the number must fit 31 bits, §8.1.1.5). */
export function cseqOf(message: SipMessage): CSeq {
  const value = message.headers.get('CSeq');
  if (value === undefined) throw missing('CSeq');
  const match = /^(\d{1,10})\s+([A-Za-z0-9.!%*_+`'~-]+)$/.exec(value.trim());
  const seq = Number(match?.[1]);
  if (!match || seq >= 2 ** 31) throw new SipParseError('bad-header', `bad CSeq "${value}"`);
  return { seq, method: match[2] ?? '' };
}

/** The parsed From header. */
export function fromOf(message: SipMessage): NameAddr {
  return single(message, 'From');
}

/** The parsed To header. */
export function toOf(message: SipMessage): NameAddr {
  return single(message, 'To');
}

/** Every Via element, top first; throws when there is none. */
export function viasOf(message: SipMessage): Via[] {
  const values = message.headers.getAll('Via').flatMap(splitList);
  if (values.length === 0) throw missing('Via');
  return values.map(parseVia);
}

/** The top Via, the one that names the transaction and where responses go. */
export function topViaOf(message: SipMessage): Via {
  const value = message.headers.getAll('Via').flatMap(splitList)[0];
  if (value === undefined) throw missing('Via');
  return parseVia(value);
}

/** Parses every row of a name-addr list header (Contact, Route, Record-Route, P-Asserted-Identity). */
export function addressesOf(message: SipMessage, name: string): NameAddr[] {
  return message.headers
    .getAll(name)
    .flatMap(splitList)
    .filter((v) => v !== '*')
    .map(parseNameAddr);
}

/** The first Contact, if any (the remote target of a dialog). */
export function contactOf(message: SipMessage): NameAddr | undefined {
  return addressesOf(message, 'Contact')[0];
}

/** The lower-case option tags or methods of a token list header (Supported, Require, Allow). */
export function tokensOf(message: SipMessage, name: string): Set<string> {
  return new Set(
    message.headers
      .getAll(name)
      .flatMap(splitList)
      .map((t) => t.toLowerCase()),
  );
}

/** The Content-Length value, or undefined when the header is absent; throws when malformed. */
export function contentLengthOf(message: SipMessage): number | undefined {
  const value = message.headers.get('Content-Length');
  if (value === undefined) return undefined;
  if (!/^\s*\d{1,10}\s*$/.test(value)) {
    throw new SipParseError('bad-content-length', `bad Content-Length "${value}"`);
  }
  return Number(value);
}

/** The tag parameter of a From or To header, if any. */
export function tagOf(addr: NameAddr): string | undefined {
  return addr.params.tag ?? undefined;
}

function single(message: SipMessage, name: string): NameAddr {
  const values = message.headers.getAll(name);
  const value = values[0];
  if (value === undefined) throw missing(name);
  if (values.length > 1) throw new SipParseError('bad-header', `more than one ${name} header`);
  return parseNameAddr(value);
}

function missing(name: string): SipParseError {
  return new SipParseError('missing-header', `missing ${name} header`);
}
