import { aesCm } from './cipher';
import { srtpMasterKeyLength, srtpMasterSaltLength } from './suite';

/** The keys one direction of a call's media is protected with, derived from its SDES master key and salt. */
export interface SrtpSessionKeys {
  /** AES-128 key of the payload cipher. */
  cipherKey: Buffer;
  /** 112-bit salt mixed into every packet's counter block. */
  cipherSalt: Buffer;
  /** 160-bit HMAC-SHA1 key of the authentication tag. */
  authKey: Buffer;
}

/** RFC 3711 §4.3.2: the labels of the SRTP keys (the SRTCP ones, 3 to 5, are not needed). */
const label = { cipherKey: 0x00, authKey: 0x01, cipherSalt: 0x02 } as const;

/**
 * Derives the session keys from a master key and salt (RFC 3711 §4.3.1). The key derivation rate is 0, as
 * SDES lines without a KDR parameter say, so the keys are derived once and `r` is always 0.
 */
export function deriveSrtpKeys(masterKey: Uint8Array, masterSalt: Uint8Array): SrtpSessionKeys {
  if (masterKey.length !== srtpMasterKeyLength || masterSalt.length !== srtpMasterSaltLength)
    throw new RangeError(`an AES_CM_128 master key and salt are 16 and 14 bytes`);
  const derive = (keyLabel: number, length: number): Buffer => {
    // x = key_id XOR master salt, key_id = label || r (48 bits of 0): the label lands on the salt's 8th byte.
    const iv = Buffer.alloc(16);
    iv.set(masterSalt);
    iv[7] = (iv[7] as number) ^ keyLabel;
    return aesCm(masterKey, iv, Buffer.alloc(length));
  };
  return {
    cipherKey: derive(label.cipherKey, 16),
    cipherSalt: derive(label.cipherSalt, 14),
    authKey: derive(label.authKey, 20),
  };
}
