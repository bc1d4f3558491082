import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallEvent } from '@parley/flow-schema';
import { type Logger, pino } from 'pino';
import type { PromptStore } from '../../media/prompt-store';
import { GraphCallRequests } from './calls';
import type { GraphClients } from './client';
import type { GraphCallHandler, GraphCallSession, GraphIncomingCall } from './handler';
import {
  type CallNotification,
  type CallResource,
  type IdentitySet,
  NotificationShapeError,
  parseNotifications,
} from './notifications';
import { GraphCallPort } from './port';
import { NotificationAuthError, type NotificationTokenVerifier } from './token';

export interface GraphAdapterOptions {
  handler: GraphCallHandler;
  verifier: NotificationTokenVerifier;
  clients: GraphClients;
  prompts: PromptStore;
  /** Public origin of the runtime, without a trailing slash. */
  publicBaseUrl: string;
  /** Where the callback handler is mounted; Graph is told `${publicBaseUrl}${callbackPath}`. */
  callbackPath?: string;
  holdMusicPath?: string;
  keepAliveMs: number;
  logger?: Logger;
}

interface LiveCall {
  port: GraphCallPort;
  session: Promise<GraphCallSession | null>;
  logger: Logger;
}

/** Largest notification body read; real batches are a few kilobytes. */
const MAX_BODY_BYTES = 1_000_000;
/** How many ended calls are remembered, so their late notifications are not mistaken for unknown calls. */
const ENDED_MEMORY = 1_000;

/**
 * The Graph calling adapter: receives Graph's notifications at `POST /graph/callback` and runs each call's
 * GraphCallPort. It knows nothing of flows: incoming calls and restarts go to the GraphCallHandler.
 */
export class GraphAdapter {
  private readonly calls = new Map<string, LiveCall>();
  private readonly ended = new Set<string>();
  private readonly logger: Logger;

  constructor(private readonly opts: GraphAdapterOptions) {
    this.logger = opts.logger ?? pino({ level: 'silent' });
  }

  get callbackUrl(): string {
    return `${this.opts.publicBaseUrl}${this.opts.callbackPath ?? '/graph/callback'}`;
  }

  /** Graph call ids this process runs now. */
  get liveCallIds(): string[] {
    return [...this.calls.keys()];
  }

  /**
   * `POST /graph/callback`: 401 for a missing or bad token (nothing else happens), 400 for a body that is not a
   * notification batch (the message names the field), 404 when a notification is for a call neither this
   * process nor the handler knows, 202 once every notification was handed on, in batch order.
   */
  readonly handleCallback = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      await this.callback(req, res);
    } catch (error) {
      // Graph sends the notification again after a 5xx.
      this.logger.error({ err: error }, 'a Graph notification could not be handled');
      if (!res.headersSent)
        reply(res, 500, { error: 'internal', message: 'the notification could not be handled; see the log' });
    }
  };

  private async callback(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return reply(res, 405, { error: 'method-not-allowed', message: 'Graph notifications are POSTed' });
    }
    let tenantId: string;
    try {
      ({ tenantId } = await this.opts.verifier.verify(req.headers.authorization));
    } catch (error) {
      if (!(error instanceof NotificationAuthError)) throw error;
      req.resume();
      this.logger.warn({ reason: error.message }, 'notification refused');
      return reply(res, 401, { error: 'unauthorized', message: error.message });
    }

    let notifications: CallNotification[];
    try {
      notifications = parseNotifications(JSON.parse(await readBody(req)));
    } catch (error) {
      if (error instanceof NotificationShapeError)
        return reply(res, 400, { error: 'bad-request', field: error.path, message: error.message });
      if (error instanceof SyntaxError || error instanceof BodyTooLargeError)
        return reply(res, 400, {
          error: 'bad-request',
          message: `the body is not a JSON notification batch: ${error.message}`,
        });
      throw error;
    }

    // Every call the batch speaks of must be known before any notification is acted on.
    const unknown: string[] = [];
    for (const n of notifications) {
      if (isIncoming(n) || this.calls.has(n.callId) || this.ended.has(n.callId)) continue;
      if (!(await this.resume(n.callId, tenantId))) unknown.push(n.callId);
    }
    if (unknown.length > 0)
      return reply(res, 404, {
        error: 'unknown-call',
        message: `no call ${[...new Set(unknown)].join(', ')} runs here and none could be resumed from a checkpoint`,
      });

    for (const n of notifications) await this.dispatch(n, tenantId);
    res.writeHead(202).end();
  }

  /** Stops keepAlive timers (runtime shutdown); the calls themselves go on at Graph. */
  close(): void {
    for (const call of this.calls.values()) call.port.dispose();
    this.calls.clear();
  }

  private async dispatch(n: CallNotification, tenantId: string): Promise<void> {
    if (n.kind === 'call' && isIncoming(n)) return this.incoming(n.callId, n.call, tenantId);
    const live = this.calls.get(n.callId);
    if (!live) return; // a late notification of a call that ended here
    const session = await live.session;
    if (!session) return;
    let events: CallEvent[] = [];
    if (n.kind === 'call') {
      if (n.call.state === 'established') await live.port.onEstablished();
      events = live.port.eventsForCall(n.changeType, n.call);
      if (n.changeType === 'deleted' || n.call.state === 'terminated') this.forget(n.callId);
    } else if (n.kind === 'operation') {
      events = live.port.eventsForOperation(n.operation);
    }
    for (const event of events) {
      live.logger.debug({ event: event.type }, 'event for the call');
      session.send(event);
    }
  }

  private async incoming(callId: string, call: CallResource, tokenTenant: string): Promise<void> {
    if (this.calls.has(callId) || this.ended.has(callId)) return; // delivered twice
    const tenantId = call.tenantId ?? tokenTenant;
    const logger = this.logger.child({ graphCallId: callId, tenantId });
    const port = this.port(callId, tenantId, false, logger);
    let resolveSession!: (session: GraphCallSession | null) => void;
    const live: LiveCall = { port, logger, session: new Promise((r) => (resolveSession = r)) };
    // Registered before the handler runs: the engine answers at once, and Graph may notify before it returns.
    this.calls.set(callId, live);
    const described: GraphIncomingCall = { callId, tenantId, ...parties(call) };
    let session: GraphCallSession | null = null;
    try {
      session = await this.opts.handler.incoming(described, port);
    } catch (error) {
      logger.error({ err: error }, 'the call handler failed on an incoming call; rejecting it as busy');
      this.reject(live, 'busy');
      resolveSession(null);
      return;
    }
    resolveSession(session);
    if (!session) {
      logger.info({ called: described.called }, 'no flow takes this call; rejecting it');
      this.reject(live, 'none');
      return;
    }
    port.setPrefetch(session.prefetch ?? []);
  }

  private reject(live: LiveCall, reason: 'none' | 'busy'): void {
    this.forget(live.port.callId);
    const requests = new GraphCallRequests(this.opts.clients.forTenant(live.port.tenantId), live.port.callId);
    requests.reject(reason).catch((error: unknown) => live.logger.error({ err: error }, 'reject failed'));
  }

  private async resume(callId: string, tenantId: string): Promise<boolean> {
    const logger = this.logger.child({ graphCallId: callId, tenantId });
    const port = this.port(callId, tenantId, true, logger);
    const session = await this.opts.handler.resume(callId, port);
    if (!session) {
      port.dispose();
      return false;
    }
    logger.info('resumed a call from its checkpoint');
    this.calls.set(callId, { port, logger, session: Promise.resolve(session) });
    return true;
  }

  private port(callId: string, tenantId: string, established: boolean, logger: Logger): GraphCallPort {
    const client = this.opts.clients.forTenant(tenantId);
    return new GraphCallPort({
      requests: new GraphCallRequests(client, callId),
      tenantId,
      client,
      prompts: this.opts.prompts,
      callbackUri: this.callbackUrl,
      holdMusicPath: this.opts.holdMusicPath ?? '/prompts/uploaded/hold-music.wav',
      keepAliveMs: this.opts.keepAliveMs,
      established,
      logger,
      onGone: () => {
        const live = this.calls.get(callId);
        this.forget(callId);
        void live?.session.then((s) => s?.send({ type: 'HANGUP' }));
      },
    });
  }

  private forget(callId: string): void {
    this.calls.get(callId)?.port.dispose();
    this.calls.delete(callId);
    this.ended.add(callId);
    if (this.ended.size > ENDED_MEMORY) this.ended.delete(this.ended.values().next().value!);
  }
}

function isIncoming(n: CallNotification): boolean {
  return n.kind === 'call' && n.changeType === 'created' && n.call.state === 'incoming';
}

/** Caller and called as the incoming notification names them (graph-calling.md §3, §8 example 3). */
function parties(call: CallResource): Pick<GraphIncomingCall, 'caller' | 'callerName' | 'called'> {
  const source = call.source?.identity;
  const caller = partyId(source) ?? 'anonymous';
  const callerName = displayName(source);
  const target = call.targets?.[0]?.identity;
  const called =
    target?.phone?.id ?? target?.applicationInstance?.id ?? target?.application?.id ?? target?.user?.id ?? '';
  return { caller, called, ...(callerName ? { callerName } : {}) };
}

function partyId(set: IdentitySet | null | undefined): string | undefined {
  return (
    set?.phone?.id ??
    set?.user?.id ??
    set?.guest?.id ??
    set?.applicationInstance?.id ??
    set?.application?.id ??
    undefined
  );
}

function displayName(set: IdentitySet | null | undefined): string | undefined {
  return (set?.user?.displayName ?? set?.phone?.displayName ?? set?.guest?.displayName ?? undefined) as
    | string
    | undefined;
}

class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError(`larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
