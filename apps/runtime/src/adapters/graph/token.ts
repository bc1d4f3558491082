import { createRemoteJWKSet, customFetch, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { z } from 'zod';
import type { FetchLike } from './https-fetch';

/** A notification's bearer token was missing, malformed, or not signed by Graph for this bot. */
export class NotificationAuthError extends Error {
  override name = 'NotificationAuthError';
}

export interface NotificationTokenOptions {
  /** The bot's app id: the token's audience. */
  appId: string;
  issuers: string[];
  /** Signing keys: a JWKS URL, or the OpenID configuration whose `jwks_uri` names one. */
  jwksUrl?: string | undefined;
  openIdConfigurationUrl: string;
  fetch: FetchLike;
  /** How long the OpenID configuration is trusted; the comms samples refresh every 2 hours. */
  configurationMaxAgeMs?: number;
}

/** What a valid notification token tells the adapter. */
export interface NotificationCaller {
  /** The customer tenant of the call (`tid`), used for the app-only token of the follow-up requests. */
  tenantId: string;
  claims: JWTPayload;
}

const openIdConfiguration = z.object({ jwks_uri: z.url() });

/**
 * Checks the bearer token Graph puts on every notification (graph-calling.md §1b): RS256 signature against
 * the published keys, issuer in the accepted list, audience = the bot's app id, expiry, and a `tid` claim.
 */
export class NotificationTokenVerifier {
  private keys: { get: JWTVerifyGetKey; until: number } | null = null;

  constructor(private readonly opts: NotificationTokenOptions) {}

  /** Verifies an `Authorization` header value; throws NotificationAuthError when it does not hold. */
  async verify(authorization: string | undefined): Promise<NotificationCaller> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) throw new NotificationAuthError('the notification has no Authorization: Bearer token');
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(match[1]!, await this.keySet(), {
        algorithms: ['RS256'],
        issuer: this.opts.issuers,
        audience: this.opts.appId,
        requiredClaims: ['exp'],
        clockTolerance: 60,
      }));
    } catch (error) {
      throw new NotificationAuthError(`the notification token is not valid: ${(error as Error).message}`);
    }
    const tenantId = claims.tid;
    if (typeof tenantId !== 'string' || tenantId === '')
      throw new NotificationAuthError('the notification token has no tenant (tid) claim');
    return { tenantId, claims };
  }

  private async keySet(): Promise<JWTVerifyGetKey> {
    if (this.keys && this.keys.until > Date.now()) return this.keys.get;
    const jwksUrl = this.opts.jwksUrl ?? (await this.discoverJwksUrl());
    const get = createRemoteJWKSet(new URL(jwksUrl), { [customFetch]: this.opts.fetch });
    this.keys = { get, until: Date.now() + (this.opts.configurationMaxAgeMs ?? 2 * 3_600_000) };
    return get;
  }

  private async discoverJwksUrl(): Promise<string> {
    const res = await this.opts.fetch(this.opts.openIdConfigurationUrl);
    if (!res.ok)
      // Not the caller's fault: the handler answers 500 and Graph sends the notification again.
      throw new Error(
        `cannot read the OpenID configuration at ${this.opts.openIdConfigurationUrl}: HTTP ${res.status}`,
      );
    return openIdConfiguration.parse(await res.json()).jwks_uri;
  }
}
