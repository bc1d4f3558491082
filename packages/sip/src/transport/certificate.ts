import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SipTransportError } from '../errors.js';

const run = promisify(execFile);

/** A PEM certificate and its private key. */
export interface SelfSignedCertificate {
  cert: string;
  key: string;
}

/**
 * Generates a self-signed certificate for `host` (CN and subjectAltName, plus 127.0.0.1) with the
 * `openssl` CLI, for the embedded demo and tests. Node's crypto can make keys but not X.509 certificates,
 * so without openssl on PATH this throws and the operator must configure a certificate and key.
 * Production Direct Routing needs a CA-issued certificate anyway (see docs: public root list).
 */
export async function generateSelfSignedCertificate(
  host: string,
  days = 365,
): Promise<SelfSignedCertificate> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-sip-cert-'));
  try {
    const keyPath = join(dir, 'key.pem');
    const certPath = join(dir, 'cert.pem');
    const san = [isIP(host) ? `IP:${host}` : `DNS:${host}`, 'IP:127.0.0.1', 'DNS:localhost'].join(',');
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-sha256',
      '-days',
      String(days),
      '-subj',
      `/CN=${host}`,
      '-addext',
      `subjectAltName=${san}`,
      '-keyout',
      keyPath,
      '-out',
      certPath,
    ]);
    return { cert: await readFile(certPath, 'utf8'), key: await readFile(keyPath, 'utf8') };
  } catch (error) {
    throw new SipTransportError(
      `could not generate a self-signed certificate with openssl: ${(error as Error).message}`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
