import type { SipRequest, SipResponse } from './message/message.js';

/** Why a message could not be parsed; `status` is what a UAS answers when it can answer at all. */
export type SipParseReason =
  | 'garbage'
  | 'bad-start-line'
  | 'bad-version'
  | 'bad-header'
  | 'missing-header'
  | 'bad-uri'
  | 'unsupported-uri-scheme'
  | 'bad-content-length'
  | 'too-large';

/** A SIP message (or a piece of one: a URI, a header value) that does not follow the grammar. */
export class SipParseError extends Error {
  override readonly name = 'SipParseError';
  constructor(
    readonly reason: SipParseReason,
    message: string,
    /** The request as far as it was read, when the start line and headers were readable: lets a UAS answer 400. */
    readonly partial?: SipRequest,
    /** The status a UAS answers with (400 unless the reason calls for 416, 505 or 513). */
    readonly status = statusFor(reason),
  ) {
    super(message);
  }
}

function statusFor(reason: SipParseReason): number {
  if (reason === 'unsupported-uri-scheme') return 416;
  if (reason === 'bad-version') return 505;
  if (reason === 'too-large') return 513;
  return 400;
}

/** A request timed out (timer B or F) or could not be sent; the transaction produced no final response. */
export class SipTimeoutError extends Error {
  override readonly name = 'SipTimeoutError';
  constructor(readonly method: string) {
    super(`${method} timed out without a final response`);
  }
}

/** A request got a final non-2xx response; `response` is it. */
export class SipRequestFailedError extends Error {
  override readonly name = 'SipRequestFailedError';
  constructor(
    readonly method: string,
    readonly response: SipResponse,
  ) {
    super(`${method} failed: ${response.status} ${response.reason}`);
  }
  /** The final status code, for callers that only branch on it (e.g. trunk failover on 408/503/504). */
  get status(): number {
    return this.response.status;
  }
}

/** The transport could not deliver a message (connection refused, reset, unresolvable host). */
export class SipTransportError extends Error {
  override readonly name = 'SipTransportError';
}

/** An action that the dialog or call state does not allow (answering twice, BYE on a terminated dialog). */
export class SipStateError extends Error {
  override readonly name = 'SipStateError';
}
