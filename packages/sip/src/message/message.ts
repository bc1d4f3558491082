import { SipHeaders } from './headers.js';

/** A SIP request: method, Request-URI as written, headers and body bytes. */
export interface SipRequest {
  kind: 'request';
  method: string;
  uri: string;
  headers: SipHeaders;
  body: Buffer;
}

/** A SIP response: status, reason phrase, headers and body bytes. */
export interface SipResponse {
  kind: 'response';
  status: number;
  reason: string;
  headers: SipHeaders;
  body: Buffer;
}

/** Either kind of SIP message. */
export type SipMessage = SipRequest | SipResponse;

/** The header rows and body a caller may add to a request or response it builds. */
export interface MessageExtras {
  headers?: Record<string, string | readonly string[]>;
  body?: { contentType: string; content: string | Buffer };
}

/** Builds a request from a method, Request-URI and header rows (Content-Length is written on serialising). */
export function createRequest(
  method: string,
  uri: string,
  headers: Iterable<[string, string]>,
  body: Buffer = Buffer.alloc(0),
): SipRequest {
  const h = new SipHeaders();
  for (const [name, value] of headers) h.append(name, value);
  return { kind: 'request', method, uri, headers: h, body };
}

/** Copies the extra headers and body of `extras` onto a message (replacing same-named headers). */
export function applyExtras(message: SipMessage, extras: MessageExtras | undefined): void {
  if (!extras) return;
  for (const [name, value] of Object.entries(extras.headers ?? {})) message.headers.set(name, value);
  if (extras.body) {
    message.headers.set('Content-Type', extras.body.contentType);
    message.body = Buffer.isBuffer(extras.body.content)
      ? extras.body.content
      : Buffer.from(extras.body.content, 'utf8');
  }
}

/** The body as text (SDP, sipfrag, INFO payloads are text). */
export function bodyText(message: SipMessage): string {
  return message.body.toString('utf8');
}
