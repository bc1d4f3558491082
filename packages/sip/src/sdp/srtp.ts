import { randomBytes } from 'node:crypto';
import type { SdesCrypto } from './describe.js';

/** The SDES suites Parley can key (RFC 4568 §6.2; Direct Routing requires the _80 one). */
export type SrtpSuite = 'AES_CM_128_HMAC_SHA1_80' | 'AES_CM_128_HMAC_SHA1_32';

/** The suites in order of preference. */
export const srtpSuites: readonly SrtpSuite[] = ['AES_CM_128_HMAC_SHA1_80', 'AES_CM_128_HMAC_SHA1_32'];

/** A fresh 30-byte master key and salt (16 + 14) for an AES_CM_128 suite. */
export function generateSrtpKeySalt(): Buffer {
  return randomBytes(30);
}

/** The `a=crypto` value for our side: `<tag> <suite> inline:<base64 key||salt>`. */
export function formatCrypto(tag: number, suite: SrtpSuite, keySalt: Buffer): string {
  return `${tag} ${suite} inline:${keySalt.toString('base64')}`;
}

/** One inline key, optionally with a lifetime; an MKI (`|1:4`) or a second key is not keyed here. */
const plainKeyParams = /^inline:[A-Za-z0-9+/]+={0,2}(\|(2\^\d+|\d+))?$/;

/**
 * The first offered crypto line Parley supports, in the offerer's order (RFC 4568 §7.1.1): a known suite,
 * one 30-byte inline key without MKI, and no session parameters (KDR, unencrypted or unauthenticated SRTP),
 * which the media layer does not implement.
 */
export function pickCrypto(offered: readonly SdesCrypto[]): (SdesCrypto & { suite: SrtpSuite }) | undefined {
  return offered.find(
    (c): c is SdesCrypto & { suite: SrtpSuite } =>
      (srtpSuites as readonly string[]).includes(c.suite) &&
      c.keySalt?.length === 30 &&
      plainKeyParams.test(c.keyParams) &&
      c.sessionParams === undefined,
  );
}
