import { createHmac, timingSafeEqual } from 'node:crypto';
import { SrtpError } from '../errors';
import { aesCm, aesCmIv } from './cipher';
import { deriveSrtpKeys, type SrtpSessionKeys } from './keys';
import { estimateIndex, ReplayWindow } from './replay';
import { type SrtpSuite, srtpAuthTagLength, srtpKeySaltLength, srtpMasterKeyLength } from './suite';

/**
 * The cryptographic context of one direction of a call's media (RFC 3711 §3.2): the keys derived from one
 * SDES master key and salt, and per SSRC the rollover counter and replay window. Our stream gets one keyed
 * with our `a=crypto` line and `protect`s; the far end's gets one keyed with its line and `unprotect`s.
 *
 * SRTCP (§3.4) is not implemented: RTP sessions here ignore RTCP, so a muxed SRTCP datagram is dropped
 * before it would be unprotected and none is ever sent. No MKI and a key derivation rate of 0, as SDES
 * offers from SBCs have them.
 */
export class SrtpContext {
  /** Octets the authentication tag adds to each packet. */
  readonly tagLength: number;
  private readonly keys: SrtpSessionKeys;
  /** Highest index sent per SSRC: where our rollover counter stands. */
  private readonly sent = new Map<number, number>();
  private readonly received = new Map<number, ReplayWindow>();

  /** Keys a context from a 30-byte SDES `inline:` value (master key then salt); throws `RangeError` otherwise. */
  constructor(
    readonly suite: SrtpSuite,
    keySalt: Uint8Array,
  ) {
    if (keySalt.length !== srtpKeySaltLength)
      throw new RangeError(`an ${suite} key and salt are ${srtpKeySaltLength} bytes, not ${keySalt.length}`);
    this.tagLength = srtpAuthTagLength[suite];
    this.keys = deriveSrtpKeys(
      keySalt.subarray(0, srtpMasterKeyLength),
      keySalt.subarray(srtpMasterKeyLength),
    );
  }

  /**
   * Encrypts an RTP datagram's payload and appends the authentication tag. The rollover counter goes up each
   * time the sequence number wraps. Throws `SrtpError` ('too-short') when the RTP header does not fit.
   */
  protect(rtpDatagram: Uint8Array): Buffer {
    const rtp = asBuffer(rtpDatagram);
    const headerLength = rtpHeaderLength(rtp, rtp.length);
    const sequence = rtp.readUInt16BE(2);
    const ssrc = rtp.readUInt32BE(8);
    const highest = this.sent.get(ssrc);
    // The first packet of a stream starts with rollover counter 0 (RFC 3711 §3.3.1).
    const index = highest === undefined ? sequence : Math.max(sequence, estimateIndex(highest, sequence));
    if (highest === undefined || index > highest) this.sent.set(ssrc, index);

    const encrypted = Buffer.concat([
      rtp.subarray(0, headerLength),
      this.crypt(ssrc, index, rtp.subarray(headerLength)),
    ]);
    return Buffer.concat([encrypted, this.tag(encrypted, index)]);
  }

  /**
   * Checks an SRTP datagram and returns the RTP datagram inside. Throws `SrtpError`: 'too-short' when no
   * header and tag fit, 'replay' for a packet already received (or too old to tell), 'auth-failure' when
   * the tag does not match (another key, damage, forgery). A refused packet changes no state.
   */
  unprotect(srtpDatagram: Uint8Array): Buffer {
    const srtp = asBuffer(srtpDatagram);
    const end = srtp.length - this.tagLength;
    const headerLength = rtpHeaderLength(srtp, end);
    const sequence = srtp.readUInt16BE(2);
    const ssrc = srtp.readUInt32BE(8);
    const window = this.received.get(ssrc);
    // A new SSRC starts with rollover counter 0: SDES keys a stream from its start (RFC 4568 §6.4).
    const index = window ? estimateIndex(window.highest, sequence) : sequence;
    if (index < 0 || window?.isReplay(index))
      throw new SrtpError('replay', `packet ${sequence} of SSRC ${ssrc} was already received or is too old`);
    const expected = this.tag(srtp.subarray(0, end), index);
    if (!timingSafeEqual(expected, srtp.subarray(end)))
      throw new SrtpError('auth-failure', `packet ${sequence} of SSRC ${ssrc} failed authentication`);

    const rtp = Buffer.concat([
      srtp.subarray(0, headerLength),
      this.crypt(ssrc, index, srtp.subarray(headerLength, end)),
    ]);
    if (window) window.accept(index);
    else this.received.set(ssrc, new ReplayWindow(index));
    return rtp;
  }

  /** Encrypts or decrypts a payload (with its padding) under the packet's own counter block (§4.1.1). */
  private crypt(ssrc: number, index: number, payload: Buffer): Buffer {
    return aesCm(this.keys.cipherKey, aesCmIv(this.keys.cipherSalt, ssrc, index), payload);
  }

  /** HMAC-SHA1 over the header and encrypted payload followed by the 32-bit rollover counter (§4.2). */
  private tag(authenticated: Buffer, index: number): Buffer {
    const roc = Buffer.alloc(4);
    roc.writeUInt32BE(Math.floor(index / 0x10000) >>> 0);
    return createHmac('sha1', this.keys.authKey)
      .update(authenticated)
      .update(roc)
      .digest()
      .subarray(0, this.tagLength);
  }
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Octets of the RTP header (fixed part, CSRCs, extension) that stay in the clear, if they fit before `end`.
 * The version is not checked here: the RTP parser does that once the packet is authentic.
 */
function rtpHeaderLength(bytes: Buffer, end: number): number {
  if (end < 12) throw new SrtpError('too-short', `${Math.max(0, end)} bytes hold no RTP header and tag`);
  let length = 12 + ((bytes[0] as number) & 0x0f) * 4;
  if ((bytes[0] as number) & 0x10) {
    if (end < length + 4) throw new SrtpError('too-short', 'the RTP header extension is cut off');
    length += 4 + bytes.readUInt16BE(length + 2) * 4;
  }
  if (end < length) throw new SrtpError('too-short', 'the RTP header is cut off');
  return length;
}
