/** Why bytes from the network are not an RTP packet (RFC 3550 §5.1). */
export type RtpParseReason =
  | 'too-short'
  | 'bad-version'
  | 'truncated-csrc'
  | 'truncated-extension'
  | 'bad-padding'
  | 'bad-telephone-event';

/** A datagram that is not a well-formed RTP packet. */
export class RtpParseError extends Error {
  override readonly name = 'RtpParseError';
  constructor(
    readonly reason: RtpParseReason,
    message: string,
  ) {
    super(message);
  }
}

/** Why a WAV file cannot be turned into a prompt. */
export type WavFormatReason = 'not-riff-wave' | 'missing-fmt' | 'missing-data' | 'unsupported-format';

/** A WAV file this package cannot read (not RIFF/WAVE, or not 8/16-bit integer PCM). */
export class WavFormatError extends Error {
  override readonly name = 'WavFormatError';
  constructor(
    readonly reason: WavFormatReason,
    message: string,
  ) {
    super(message);
  }
}

/** Text-to-speech failed while rendering a prompt (the synthesizer is missing or exited with an error). */
export class PromptRenderError extends Error {
  override readonly name = 'PromptRenderError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Why an RTP session refused an operation. */
export type RtpSessionReason =
  | 'busy'
  | 'no-remote'
  | 'closed'
  | 'no-telephone-event'
  | 'not-a-key'
  | 'ports-exhausted';

/** An RTP session operation that cannot be done in the session's current state. */
export class RtpSessionError extends Error {
  override readonly name = 'RtpSessionError';
  constructor(
    readonly reason: RtpSessionReason,
    message: string,
  ) {
    super(message);
  }
}

/** Why an SRTP datagram was refused (RFC 3711 §3.3). */
export type SrtpReason = 'too-short' | 'auth-failure' | 'replay';

/** A datagram that SRTP cannot protect or unprotect: cut short, forged or damaged, or seen before. */
export class SrtpError extends Error {
  override readonly name = 'SrtpError';
  constructor(
    readonly reason: SrtpReason,
    message: string,
  ) {
    super(message);
  }
}
