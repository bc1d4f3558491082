import { ConfidentialClientApplication, type INetworkModule, type NetworkResponse } from '@azure/msal-node';
import {
  AuthenticationHandler,
  type AuthenticationProvider,
  Client,
  type Context,
  type Middleware,
  RetryHandler,
} from '@microsoft/microsoft-graph-client';
import type { FetchLike } from './https-fetch';

/** The app-only token could not be obtained (bad secret, unknown tenant, identity platform down). */
export class GraphTokenError extends Error {
  override name = 'GraphTokenError';
}

export interface GraphClientOptions {
  appId: string;
  appSecret: string;
  /** e.g. https://login.microsoftonline.com; the authority is `${authorityHost}/${tenant}`. */
  authorityHost: string;
  graphBaseUrl: string;
  fetch: FetchLike;
}

/** The one scope of app-only Graph tokens; the Calls.* permissions come from admin consent (§1a). */
const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

/**
 * App-only Graph clients, one per customer tenant (a multi-tenant bot gets a token per tenant, §1a).
 * msal-node keeps the token cache and renews tokens before they expire.
 */
export class GraphClients {
  private readonly msal: ConfidentialClientApplication;
  private readonly clients = new Map<string, Client>();

  constructor(private readonly opts: GraphClientOptions) {
    const host = new URL(opts.authorityHost).host;
    this.msal = new ConfidentialClientApplication({
      auth: {
        clientId: opts.appId,
        clientSecret: opts.appSecret,
        authority: `${opts.authorityHost.replace(/\/$/, '')}/common`,
        // A host other than Microsoft's (a sovereign cloud, the stand-in) skips instance discovery and is
        // trusted as is; msal-node then reads `${authority}/v2.0/.well-known/openid-configuration`.
        ...(isMicrosoftHost(host) ? {} : { knownAuthorities: [host] }),
      },
      system: { networkClient: networkModule(opts.fetch) },
    });
  }

  /** The Graph client that acts for `tenantId`. */
  forTenant(tenantId: string): Client {
    let client = this.clients.get(tenantId);
    if (!client) {
      const authProvider: AuthenticationProvider = { getAccessToken: () => this.token(tenantId) };
      const chain = [
        new AuthenticationHandler(authProvider),
        new RetryHandler(),
        new FetchHandler(this.opts.fetch),
      ];
      chain.reduce<Middleware | null>((previous, middleware) => {
        previous?.setNext?.(middleware);
        return middleware;
      }, null);
      // graph-client joins `${baseUrl}/${version}/${path}`: the configured URL's last segment is the version.
      const base = new URL(this.opts.graphBaseUrl);
      const segments = base.pathname.split('/').filter(Boolean);
      const version = segments.pop() ?? 'v1.0';
      client = Client.initWithMiddleware({
        baseUrl: `${base.origin}${segments.map((s) => `/${s}`).join('')}`,
        defaultVersion: version,
        middleware: chain,
        // The auth handler only adds the token for Graph's own hosts and these.
        customHosts: new Set([base.hostname]),
      });
      this.clients.set(tenantId, client);
    }
    return client;
  }

  /** An app-only access token for `tenantId` (client credentials). */
  async token(tenantId: string): Promise<string> {
    try {
      const result = await this.msal.acquireTokenByClientCredential({
        scopes: [GRAPH_SCOPE],
        authority: `${this.opts.authorityHost.replace(/\/$/, '')}/${tenantId}`,
      });
      if (!result?.accessToken) throw new Error('the identity platform returned no access token');
      return result.accessToken;
    } catch (error) {
      throw new GraphTokenError(
        `cannot get an app-only Graph token for tenant ${tenantId}: ${(error as Error).message}`,
      );
    }
  }
}

function isMicrosoftHost(host: string): boolean {
  return /(^|\.)(microsoftonline\.(com|us|de)|chinacloudapi\.cn)$/.test(host);
}

/** Sends Graph requests through the adapter's fetch (the chain's last link, in place of HTTPMessageHandler). */
class FetchHandler implements Middleware {
  constructor(private readonly fetch: FetchLike) {}

  async execute(context: Context): Promise<void> {
    context.response = await this.fetch(context.request as string | Request, context.options as RequestInit);
  }
}

/** msal-node's documented network hook (`system.networkClient`), over the adapter's fetch. */
function networkModule(fetch: FetchLike): INetworkModule {
  const send = async <T>(
    url: string,
    method: 'GET' | 'POST',
    options?: { headers?: Record<string, string>; body?: string },
  ): Promise<NetworkResponse<T>> => {
    const res = await fetch(url, {
      method,
      ...(options?.headers ? { headers: options.headers } : {}),
      ...(options?.body !== undefined ? { body: options.body } : {}),
    });
    const text = await res.text();
    return {
      headers: Object.fromEntries(res.headers),
      body: (text ? JSON.parse(text) : {}) as T,
      status: res.status,
    };
  };
  return {
    sendGetRequestAsync: (url, options) => send(url, 'GET', options),
    sendPostRequestAsync: (url, options) => send(url, 'POST', options),
  };
}
