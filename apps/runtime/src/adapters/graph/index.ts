import type { Logger } from 'pino';
import { PromptStore } from '../../media/prompt-store';
import { GraphAdapter } from './adapter';
import { GraphClients } from './client';
import type { GraphConfig } from './config';
import type { GraphCallHandler } from './handler';
import { createFetch } from './https-fetch';
import { NotificationTokenVerifier } from './token';

export { GraphAdapter, type GraphAdapterOptions } from './adapter';
export { GraphCallRequests } from './calls';
export { GraphClients, GraphTokenError } from './client';
export { GRAPH_DEFAULTS, type GraphConfig, GraphConfigError, loadGraphConfig } from './config';
export type { GraphCallHandler, GraphCallSession, GraphIncomingCall } from './handler';
export { GraphCallPort, UnsupportedTargetError } from './port';
export { NotificationAuthError, NotificationTokenVerifier } from './token';

/**
 * Wires the Graph adapter from its configuration. Mount `adapter.handleCallback` at `POST /graph/callback`
 * and `prompts.handle` at `GET /prompts/*` on the runtime's HTTP server.
 */
export function createGraphAdapter(
  config: GraphConfig,
  handler: GraphCallHandler,
  logger?: Logger,
): { adapter: GraphAdapter; prompts: PromptStore; clients: GraphClients } {
  const fetch = createFetch({ ca: config.caCertificate });
  const clients = new GraphClients({
    appId: config.appId,
    appSecret: config.appSecret,
    authorityHost: config.authorityHost,
    graphBaseUrl: config.graphBaseUrl,
    fetch,
  });
  const verifier = new NotificationTokenVerifier({
    appId: config.appId,
    issuers: config.issuers,
    jwksUrl: config.jwksUrl,
    openIdConfigurationUrl: config.openIdConfigurationUrl,
    fetch,
  });
  const prompts = new PromptStore({ dir: config.promptCacheDir, publicBaseUrl: config.publicBaseUrl });
  const adapter = new GraphAdapter({
    handler,
    verifier,
    clients,
    prompts,
    publicBaseUrl: config.publicBaseUrl,
    keepAliveMs: config.keepAliveMs,
    ...(logger ? { logger } : {}),
  });
  return { adapter, prompts, clients };
}
