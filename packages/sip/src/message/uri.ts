import { SipParseError } from '../errors.js';
import { formatParams, type Params, parseParams } from './params.js';

/** A `sip:` or `sips:` URI (RFC 3261 §19.1). `user` is unescaped; `host` keeps IPv6 brackets. */
export interface SipUri {
  scheme: 'sip' | 'sips';
  user?: string;
  password?: string;
  host: string;
  port?: number;
  params: Params;
  headers: Record<string, string>;
}

/** A `tel:` URI (RFC 3966): a global (`+E.164`) or local number with parameters. */
export interface TelUri {
  scheme: 'tel';
  number: string;
  params: Params;
}

/** Any URI Parley can route on. Other schemes are refused with 416 where they matter. */
export type Uri = SipUri | TelUri;

const hostPattern = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9.])?)$/;

/** Parses a SIP, SIPS or tel URI; throws `SipParseError` (`bad-uri`, `unsupported-uri-scheme`). */
export function parseUri(text: string): Uri {
  const colon = text.indexOf(':');
  const scheme = text.slice(0, colon).toLowerCase();
  if (colon <= 0 || !/^[a-z][a-z0-9+.-]*$/.test(scheme)) throw badUri(text, 'no scheme');
  if (/\s/.test(text)) throw badUri(text, 'whitespace inside the URI');
  const rest = text.slice(colon + 1);
  if (scheme === 'tel') return parseTel(rest, text);
  if (scheme !== 'sip' && scheme !== 'sips') {
    throw new SipParseError('unsupported-uri-scheme', `unsupported URI scheme "${scheme}"`);
  }
  return parseSip(scheme, rest, text);
}

/** Parses a URI that must be SIP or SIPS (Contact, Route, Request-URI of an in-dialog request). */
export function parseSipUri(text: string): SipUri {
  const uri = parseUri(text);
  if (uri.scheme === 'tel') throw badUri(text, 'a SIP URI is required here');
  return uri;
}

function parseSip(scheme: 'sip' | 'sips', rest: string, whole: string): SipUri {
  const at = rest.indexOf('@');
  const userinfo = at === -1 ? undefined : rest.slice(0, at);
  let hostpart = at === -1 ? rest : rest.slice(at + 1);
  const uri: SipUri = { scheme, host: '', params: {}, headers: {} };
  if (userinfo !== undefined) {
    const pw = userinfo.indexOf(':');
    const user = pw === -1 ? userinfo : userinfo.slice(0, pw);
    if (user === '') throw badUri(whole, 'empty user part');
    uri.user = percentDecode(user, whole);
    if (pw !== -1) uri.password = percentDecode(userinfo.slice(pw + 1), whole);
  }
  const q = hostpart.indexOf('?');
  if (q !== -1) {
    for (const pair of hostpart.slice(q + 1).split('&')) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      const name = eq === -1 ? pair : pair.slice(0, eq);
      uri.headers[percentDecode(name, whole)] = eq === -1 ? '' : percentDecode(pair.slice(eq + 1), whole);
    }
    hostpart = hostpart.slice(0, q);
  }
  const semi = hostpart.indexOf(';');
  if (semi !== -1) {
    uri.params = parseParams(hostpart.slice(semi + 1));
    hostpart = hostpart.slice(0, semi);
  }
  const portMatch = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(hostpart);
  const host = portMatch?.[1] ?? '';
  if (!hostPattern.test(host)) throw badUri(whole, `bad host "${host}"`);
  uri.host = host.toLowerCase();
  const port = portMatch?.[2];
  if (port !== undefined) {
    const n = Number(port);
    if (port === '' || !Number.isInteger(n) || n > 65535) throw badUri(whole, `bad port "${port}"`);
    uri.port = n;
  }
  return uri;
}

function parseTel(rest: string, whole: string): TelUri {
  const semi = rest.indexOf(';');
  const number = semi === -1 ? rest : rest.slice(0, semi);
  if (!/^\+?[0-9A-Fa-f*#().-]+$/.test(number) || !/[0-9]/.test(number)) {
    throw badUri(whole, `bad telephone number "${number}"`);
  }
  return { scheme: 'tel', number, params: semi === -1 ? {} : parseParams(rest.slice(semi + 1)) };
}

/** Writes a URI back; user parts and URI headers are escaped where the grammar needs it. */
export function formatUri(uri: Uri): string {
  if (uri.scheme === 'tel') return `tel:${uri.number}${formatParams(uri.params)}`;
  let out = `${uri.scheme}:`;
  if (uri.user !== undefined) {
    out += percentEncode(uri.user, userSafe);
    if (uri.password !== undefined) out += `:${percentEncode(uri.password, passwordSafe)}`;
    out += '@';
  }
  out += uri.host;
  if (uri.port !== undefined) out += `:${uri.port}`;
  out += formatParams(uri.params);
  const headers = Object.entries(uri.headers);
  if (headers.length > 0) {
    out += `?${headers.map(([n, v]) => `${percentEncode(n, headerSafe)}=${percentEncode(v, headerSafe)}`).join('&')}`;
  }
  return out;
}

/** The phone number a URI carries: the tel number, or the user part of a SIP URI (`user=phone` or not). */
export function uriNumber(uri: Uri): string | undefined {
  return uri.scheme === 'tel' ? uri.number : uri.user;
}

/** The transport a SIP URI asks for (`;transport=`), defaulting as RFC 3263 does without NAPTR: TLS for sips. */
export function uriTransport(uri: SipUri): 'udp' | 'tcp' | 'tls' {
  const t = uri.params.transport?.toLowerCase();
  if (uri.scheme === 'sips' || t === 'tls') return 'tls';
  if (t === 'tcp') return 'tcp';
  return 'udp';
}

const unreserved = "A-Za-z0-9\\-_.!~*'()";
const userSafe = new RegExp(`[^${unreserved}&=+$,;?/]`, 'gu');
const passwordSafe = new RegExp(`[^${unreserved}&=+$,]`, 'gu');
const headerSafe = new RegExp(`[^${unreserved}\\[\\]/?:+$]`, 'gu');

function percentEncode(text: string, unsafe: RegExp): string {
  return text.replace(unsafe, (c) =>
    Array.from(Buffer.from(c, 'utf8'))
      .map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`)
      .join(''),
  );
}

function percentDecode(text: string, whole: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw badUri(whole, 'bad %-escape');
  }
}

function badUri(text: string, why: string): SipParseError {
  return new SipParseError('bad-uri', `bad URI "${text}": ${why}`);
}
