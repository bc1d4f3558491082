import { createCipheriv } from 'node:crypto';

/**
 * The AES-CM counter block for one packet (RFC 3711 §4.1.1): the 112-bit session salt shifted left by 16 bits,
 * XORed with the SSRC shifted by 64 and the 48-bit packet index shifted by 16.
 */
export function aesCmIv(salt: Uint8Array, ssrc: number, index: number): Buffer {
  const iv = Buffer.alloc(16);
  iv.set(salt.subarray(0, 14));
  iv.writeUInt32BE((iv.readUInt32BE(4) ^ ssrc) >>> 0, 4);
  // The index has 48 bits: more than the 32 a bitwise XOR takes, so its two halves are XORed apart.
  iv.writeUInt16BE(iv.readUInt16BE(8) ^ Math.floor(index / 2 ** 32), 8);
  iv.writeUInt32BE((iv.readUInt32BE(10) ^ (index % 2 ** 32)) >>> 0, 10);
  return iv;
}

/**
 * AES-128 in counter mode from `iv` (RFC 3711 §4.1.1): XORs `data` with the keystream, so the same call
 * encrypts and decrypts. OpenSSL's counter spans all 128 bits, which is what the RFC's keystream does.
 */
export function aesCm(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Buffer {
  const cipher = createCipheriv('aes-128-ctr', key, iv);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}
