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

/** The first offered crypto line Parley supports, in the offerer's order (RFC 4568 §7.1.1). */
export function pickCrypto(offered: readonly SdesCrypto[]): (SdesCrypto & { suite: SrtpSuite }) | undefined {
  return offered.find(
    (c): c is SdesCrypto & { suite: SrtpSuite } =>
      (srtpSuites as readonly string[]).includes(c.suite) && c.keySalt?.length === 30,
  );
}
