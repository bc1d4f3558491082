/** The SDES suites the media layer can protect (RFC 4568 §6.2; Direct Routing requires the _80 one). */
export type SrtpSuite = 'AES_CM_128_HMAC_SHA1_80' | 'AES_CM_128_HMAC_SHA1_32';

/** The suites in order of preference. */
export const srtpSuites: readonly SrtpSuite[] = ['AES_CM_128_HMAC_SHA1_80', 'AES_CM_128_HMAC_SHA1_32'];

/** Octets of the authentication tag each suite appends to a packet: 80 or 32 bits of HMAC-SHA1. */
export const srtpAuthTagLength: Record<SrtpSuite, number> = {
  AES_CM_128_HMAC_SHA1_80: 10,
  AES_CM_128_HMAC_SHA1_32: 4,
};

/** Octets of an AES_CM_128 master key. */
export const srtpMasterKeyLength = 16;
/** Octets of an AES_CM_128 master salt. */
export const srtpMasterSaltLength = 14;
/** Octets of the SDES `inline:` value: master key then master salt. */
export const srtpKeySaltLength = srtpMasterKeyLength + srtpMasterSaltLength;
