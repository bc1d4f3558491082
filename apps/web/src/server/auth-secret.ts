import 'server-only';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const FILE = 'auth-secret';

/**
 * The secret that signs session cookies when none is configured: made once with random bytes and
 * kept in the data folder (readable by its owner only), so `npm start` works without configuration
 * and sessions survive a restart. A deployment sets NEXTAUTH_SECRET (or AUTH_SECRET) instead.
 */
export function demoAuthSecret(dataDir: string, log: (message: string) => void = console.info): string {
  const path = resolve(join(dataDir, FILE));
  const existing = read(path);
  if (existing) {
    log(`parley web: no NEXTAUTH_SECRET set; signing sessions with the secret in ${path}`);
    return existing;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  try {
    // `wx`: when two processes start at once, the first one's secret wins and the other reads it.
    writeFileSync(path, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    log(
      `parley web: no NEXTAUTH_SECRET set; created a session secret in ${path} (set NEXTAUTH_SECRET in production)`,
    );
    return secret;
  } catch (error) {
    const raced = read(path);
    if (raced) return raced;
    throw error;
  }
}

function read(path: string): string | null {
  try {
    const text = readFileSync(path, 'utf8').trim();
    if (text.length >= 32) return text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  throw new Error(`${path} holds no usable secret (under 32 characters): delete it, or set NEXTAUTH_SECRET`);
}
