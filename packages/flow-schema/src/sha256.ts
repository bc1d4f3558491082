import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** A sha256 fed UTF-8 text piece by piece. */
export interface Sha256 {
  update(text: string): void;
  /** The digest as lowercase hex; the hash takes no more text after it. */
  hex(): string;
}

/** What this package uses of Node's crypto module. */
export interface NodeCrypto {
  createHash(algorithm: 'sha256'): {
    update(text: string, encoding: 'utf8'): unknown;
    digest(encoding: 'hex'): string;
  };
}

/**
 * Node's crypto where there is one, looked up rather than imported so browser bundles are unaffected:
 * it hashes the megabytes of a large compiled machine many times faster than JavaScript.
 */
const nodeCrypto = ((): NodeCrypto | null => {
  const host = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const crypto = host?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;
  return typeof crypto?.createHash === 'function' ? crypto : null;
})();

/**
 * A sha256 on Node's crypto when given one (by default, the running Node's), else in JavaScript, as in
 * browsers, which have no synchronous digest. Both give the same hex.
 */
export function createSha256(crypto: NodeCrypto | null = nodeCrypto): Sha256 {
  if (crypto) {
    const hash = crypto.createHash('sha256');
    return { update: (text) => hash.update(text, 'utf8'), hex: () => hash.digest('hex') };
  }
  const hash = sha256.create();
  return { update: (text) => hash.update(utf8ToBytes(text)), hex: () => bytesToHex(hash.digest()) };
}
