import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

/** A private key jose can sign with. */
type SigningKey = Parameters<SignJWT['sign']>[0];

/**
 * The Graph stand-in: the one fake of the suite. It speaks the documented JSON of the identity platform
 * (client credentials), the Graph calling API, and the notifications Graph posts to a bot, over HTTPS with a
 * self-signed certificate it makes for 127.0.0.1. Its payloads start from the documented examples in
 * `fixtures/` (copied from the Graph API reference: call-answer, commsNotification).
 */

/** One request Parley made to the stand-in. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: string;
  body: unknown;
  authorization: string | undefined;
}

export interface StandinOptions {
  appId: string;
  appSecret: string;
  tenantId: string;
  /** Parley's callback URL, where notifications go. Can be set later (`callbackUrl`). */
  callbackUrl?: string;
  /** A playPrompt completes this long after it was accepted; `manual` leaves it running. */
  promptMs?: number | 'manual';
  /** What a transfer does: ring out and connect, or fail as busy. */
  transfer?: 'accept' | 'fail';
  /** Users (object ids) who never pick up: a transfer to them fails as busy, whatever `transfer` says. */
  unanswered?: Set<string>;
  /** Users known to `GET /users/{upn}`: upn → object id. */
  users?: Record<string, string>;
  /** Issuer of notification tokens (graph-calling.md §1b). */
  notificationIssuer?: string;
}

interface Operation {
  id: string;
  type: string;
  clientContext: string;
  prompts: unknown[];
  status: 'running' | 'completed' | 'failed';
  timer?: NodeJS.Timeout;
}

interface StandinCall {
  id: string;
  state: string;
  operations: Map<string, Operation>;
  toneSequence: number;
  /** Notifications of one call go out one after another, as Graph's would for ordering-sensitive states. */
  outbox: Promise<unknown>;
}

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** A documented example payload from the fixtures folder, parsed. */
export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as T;
}

export class GraphStandin {
  readonly requests: RecordedRequest[] = [];
  readonly issuedTokens = new Set<string>();
  /** Responses Parley gave to notifications, in order: status and body. */
  readonly deliveries: { status: number; body: string; notification: unknown }[] = [];
  callbackUrl: string | undefined;
  ca = '';
  private server!: Server;
  private dir = '';
  private privateKey!: SigningKey;
  private jwk!: JWK;
  private readonly kid = randomUUID();
  private readonly calls = new Map<string, StandinCall>();

  constructor(readonly opts: StandinOptions) {
    this.callbackUrl = opts.callbackUrl;
  }

  get origin(): string {
    return `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  get graphBaseUrl(): string {
    return `${this.origin}/v1.0`;
  }
  get openIdConfigurationUrl(): string {
    return `${this.origin}/v1/.well-known/OpenIdConfiguration`;
  }
  get issuer(): string {
    return this.opts.notificationIssuer ?? 'https://api.botframework.com';
  }

  async start(): Promise<void> {
    this.dir = mkdtempSync(join(tmpdir(), 'graph-standin-'));
    const key = join(this.dir, 'key.pem');
    const cert = join(this.dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    this.ca = readFileSync(cert, 'utf8');
    const pair = await generateKeyPair('RS256', { extractable: true });
    this.privateKey = pair.privateKey;
    this.jwk = { ...(await exportJWK(pair.publicKey)), kid: this.kid, alg: 'RS256', use: 'sig' };
    this.server = createServer({ key: readFileSync(key), cert: this.ca }, (req, res) => {
      this.route(req, res).catch((error: Error) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'standinFailure', message: error.message } }));
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    for (const call of this.calls.values()) for (const op of call.operations.values()) clearTimeout(op.timer);
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Requests to one Graph path, e.g. `/communications/calls/{id}/playPrompt`. */
  requestsTo(path: string | RegExp): RecordedRequest[] {
    return this.requests.filter((r) =>
      typeof path === 'string' ? r.path === `/v1.0${path}` : path.test(r.path),
    );
  }

  /** Resolves once `predicate` holds on the recorded requests (polls; fails after `timeoutMs`). */
  async waitForRequest(path: string | RegExp, count = 1, timeoutMs = 5_000): Promise<RecordedRequest> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const found = this.requestsTo(path);
      if (found.length >= count) return found[count - 1]!;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(
      `no request #${count} to ${path} within ${timeoutMs} ms; saw ${this.requests.map((r) => `${r.method} ${r.path}`).join(', ')}`,
    );
  }

  /** A signed notification token as Graph's would be (§1b), with overrides for the tests of bad tokens. */
  async notificationToken(
    overrides: { aud?: string; iss?: string; tid?: string; expiresInS?: number; key?: SigningKey } = {},
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ tid: overrides.tid ?? this.opts.tenantId })
      .setProtectedHeader({ alg: 'RS256', kid: this.kid, typ: 'JWT' })
      .setIssuer(overrides.iss ?? this.issuer)
      .setAudience(overrides.aud ?? this.opts.appId)
      .setIssuedAt(now - 5)
      .setNotBefore(now - 5)
      .setExpirationTime(now + (overrides.expiresInS ?? 3600))
      .sign(overrides.key ?? this.privateKey);
  }

  /** Posts a notification batch to Parley's callback, signed; returns Parley's answer. */
  async notify(
    body: unknown,
    opts: { token?: string | null } = {},
  ): Promise<{ status: number; body: string }> {
    if (!this.callbackUrl) throw new Error('the stand-in has no callback URL');
    const token = opts.token === undefined ? await this.notificationToken() : opts.token;
    const res = await fetch(this.callbackUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const answer = { status: res.status, body: await res.text() };
    this.deliveries.push({ ...answer, notification: body });
    return answer;
  }

  /** A caller rings the bot: the documented incoming-call notification, with this call id and caller. */
  async ring(
    callId: string,
    caller?: { userId?: string; displayName?: string },
  ): Promise<{ status: number; body: string }> {
    const incoming = fixture<{ value: { resourceUrl: string; resourceData: Record<string, unknown> }[] }>(
      'notification-incoming-call.json',
    );
    const n = incoming.value[0]!;
    n.resourceUrl = `/communications/calls/${callId}`;
    n.resourceData['@odata.id'] = n.resourceUrl;
    const source = n.resourceData.source as { identity: { user: { id: string; displayName: string } } };
    if (caller?.userId) source.identity.user.id = caller.userId;
    if (caller?.displayName) source.identity.user.displayName = caller.displayName;
    this.calls.set(callId, {
      id: callId,
      state: 'incoming',
      operations: new Map(),
      toneSequence: 6,
      outbox: Promise.resolve(),
    });
    return this.notify(incoming);
  }

  /** The caller presses keys: one `toneInfo` call update per key (call-subscribetotone.md). */
  async press(callId: string, keys: string): Promise<void> {
    const call = this.call(callId);
    for (const key of keys) {
      call.toneSequence += 1;
      const tone = key === '*' ? 'star' : key === '#' ? 'pound' : `tone${key}`;
      await this.send(callId, {
        '@odata.type': '#microsoft.graph.commsNotifications',
        value: [
          {
            '@odata.type': '#microsoft.graph.commsNotification',
            changeType: 'updated',
            resourceUrl: `/communications/calls/${callId}`,
            resourceData: {
              '@odata.type': '#microsoft.graph.call',
              state: 'established',
              toneInfo: { '@odata.type': '#microsoft.graph.toneInfo', sequenceId: call.toneSequence, tone },
            },
          },
        ],
      });
    }
  }

  /** The caller hangs up (P2PTest1Event6HangUp: deleted, terminated, 200/5002). */
  async hangUp(callId: string): Promise<void> {
    await this.terminate(callId, {
      code: 200,
      subcode: 5002,
      message: 'The conversation has ended. DiagCode: 0#5002.@',
    });
  }

  /** Completes a running operation now (the documented `deleted` operation notification). */
  async complete(callId: string, operationId: string): Promise<{ status: number; body: string }> {
    const call = this.call(callId);
    const op = call.operations.get(operationId);
    if (!op) throw new Error(`no operation ${operationId} on call ${callId}`);
    clearTimeout(op.timer);
    return this.send(callId, this.operationDeleted(callId, op, 'completed'));
  }

  /** Running operations of a call, oldest first. */
  runningOperations(callId: string): Operation[] {
    return [...this.call(callId).operations.values()].filter((op) => op.status === 'running');
  }

  private call(callId: string): StandinCall {
    const call = this.calls.get(callId);
    if (!call) throw new Error(`the stand-in has no call ${callId}`);
    return call;
  }

  /** Queues a notification behind the call's earlier ones. */
  private send(callId: string, body: unknown): Promise<{ status: number; body: string }> {
    const call = this.calls.get(callId);
    const run = (call?.outbox ?? Promise.resolve()).then(() => this.notify(body));
    if (call) call.outbox = run.catch(() => {});
    return run;
  }

  private callUpdate(callId: string, changeType: string, resourceData: Record<string, unknown>) {
    return {
      '@odata.type': '#microsoft.graph.commsNotifications',
      value: [
        {
          '@odata.type': '#microsoft.graph.commsNotification',
          changeType,
          resourceUrl: `/communications/calls/${callId}`,
          resourceData: { '@odata.type': '#microsoft.graph.call', ...resourceData },
        },
      ],
    };
  }

  private async terminate(
    callId: string,
    resultInfo: Record<string, unknown>,
    extra: Record<string, unknown> = {},
  ) {
    const call = this.call(callId);
    call.state = 'terminated';
    for (const op of call.operations.values()) clearTimeout(op.timer);
    await this.send(
      callId,
      this.callUpdate(callId, 'deleted', {
        state: 'terminated',
        resultInfo: { '@odata.type': '#microsoft.graph.resultInfo', ...resultInfo },
        ...extra,
      }),
    );
  }

  private operationDeleted(callId: string, op: Operation, status: 'completed' | 'failed') {
    op.status = status;
    const url = `/communications/calls/${callId}/operations/${op.id}`;
    const canceled = status === 'failed';
    return {
      '@odata.type': '#microsoft.graph.commsNotifications',
      value: [
        {
          '@odata.type': '#microsoft.graph.commsNotification',
          changeType: 'deleted',
          resourceUrl: url,
          resourceData: {
            '@odata.type': op.type,
            '@odata.id': url,
            id: op.id,
            prompts: op.prompts,
            clientContext: op.clientContext,
            status,
            ...(canceled
              ? { completionReason: 'operationCanceled' }
              : { completionReason: 'completedSuccessfully' }),
            resultInfo: canceled
              ? {
                  '@odata.type': '#microsoft.graph.resultInfo',
                  code: 400,
                  subcode: 8508,
                  message: 'Action failed, the operation was cancelled.',
                }
              : {
                  '@odata.type': '#microsoft.graph.resultInfo',
                  code: 200,
                  subcode: 0,
                  message: 'Action completed successfully.',
                },
          },
        },
      ],
    };
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    const text = await new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString()));
    });
    const json = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(
        status,
        body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      );
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };

    // The signing keys of notifications (§1b): OpenID configuration → jwks_uri.
    if (url.pathname === '/v1/.well-known/OpenIdConfiguration')
      return json(200, { issuer: this.issuer, jwks_uri: `${this.origin}/v1/keys` });
    if (url.pathname === '/v1/keys') return json(200, { keys: [this.jwk] });

    // The identity platform (auth-v2-service.md): metadata msal-node reads, then client credentials.
    const oidc = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(url.pathname);
    if (oidc) {
      const tenant = oidc[1]!;
      return json(200, {
        issuer: `${this.origin}/${tenant}/v2.0`,
        authorization_endpoint: `${this.origin}/${tenant}/oauth2/v2.0/authorize`,
        token_endpoint: `${this.origin}/${tenant}/oauth2/v2.0/token`,
        end_session_endpoint: `${this.origin}/${tenant}/oauth2/v2.0/logout`,
        jwks_uri: `${this.origin}/${tenant}/discovery/v2.0/keys`,
        response_types_supported: ['code', 'id_token', 'token'],
      });
    }
    const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(url.pathname);
    if (token && req.method === 'POST') {
      const form = new URLSearchParams(text);
      this.requests.push({
        method: 'POST',
        path: url.pathname,
        query: '',
        body: Object.fromEntries(form),
        authorization: undefined,
      });
      if (
        form.get('grant_type') !== 'client_credentials' ||
        form.get('client_id') !== this.opts.appId ||
        form.get('client_secret') !== this.opts.appSecret ||
        form.get('scope') !== 'https://graph.microsoft.com/.default'
      )
        return json(401, {
          error: 'invalid_client',
          error_description: 'AADSTS7000215: Invalid client secret provided.',
        });
      const accessToken = `standin.${token[1]}.${randomUUID()}`;
      this.issuedTokens.add(accessToken);
      return json(200, {
        token_type: 'Bearer',
        expires_in: 3599,
        ext_expires_in: 3599,
        access_token: accessToken,
      });
    }

    if (!url.pathname.startsWith('/v1.0/'))
      return json(404, { error: { code: 'NotFound', message: url.pathname } });
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    this.requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.search,
      body,
      authorization: req.headers.authorization,
    });
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || !this.issuedTokens.has(bearer))
      return json(401, {
        error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty or invalid.' },
      });
    return this.graph(req.method ?? 'GET', url.pathname.slice('/v1.0'.length), body ?? {}, json);
  }

  private graph(
    method: string,
    path: string,
    body: Record<string, unknown>,
    json: (status: number, body?: unknown, headers?: Record<string, string>) => void,
  ) {
    const user = /^\/users\/([^/]+)$/.exec(path);
    if (user && method === 'GET') {
      const id = this.opts.users?.[decodeURIComponent(user[1]!)];
      return id
        ? json(200, { id })
        : json(404, {
            error: { code: 'Request_ResourceNotFound', message: `Resource '${user[1]}' does not exist.` },
          });
    }
    if (path === '/communications/getPresencesByUserId' && method === 'POST') {
      const ids = (body.ids as string[]) ?? [];
      return json(200, {
        value: ids.map((id) => ({ id, availability: 'Available', activity: 'Available' })),
      });
    }
    const m = /^\/communications\/calls\/([^/]+)(?:\/(\w+))?$/.exec(path);
    const call = m && this.calls.get(m[1]!);
    if (!m || !call || call.state === 'terminated')
      return json(404, { error: { code: 'itemNotFound', message: 'Call not found.' } });
    const action = m[2];
    const callId = call.id;

    if (!action && method === 'DELETE') {
      json(204);
      // call-delete.md: terminating, then terminated 200/5001… the bot ended it: 7000 "ended by bot".
      void this.send(callId, this.callUpdate(callId, 'updated', { state: 'terminating' })).then(() =>
        this.terminate(callId, { code: 200, subcode: 7000, message: 'The conversation has ended by bot.' }),
      );
      return;
    }
    if (method !== 'POST') return json(405, { error: { code: 'MethodNotAllowed', message: method } });

    switch (action) {
      case 'answer':
        json(202);
        call.state = 'establishing';
        // call-answer.md: establishing, then established (which "may arrive out of order").
        void this.send(callId, this.renamed(fixture('notification-establishing.json'), callId)).then(() => {
          call.state = 'established';
          return this.send(callId, this.renamed(fixture('notification-established.json'), callId));
        });
        return;
      case 'reject':
      case 'redirect':
        json(202);
        call.state = 'terminated';
        // call-reject.md: deleted, no state. A redirected call leaves the bot the same way once Graph has
        // handed it to the target (call-redirect.md documents no further notification for the bot).
        void this.notify({
          '@odata.type': '#microsoft.graph.commsNotifications',
          value: [
            {
              '@odata.type': '#microsoft.graph.commsNotification',
              changeType: 'deleted',
              resourceUrl: `/communications/calls/${callId}`,
              resourceData: {
                '@odata.type': '#microsoft.graph.call',
                '@odata.id': `/communications/calls/${callId}`,
              },
            },
          ],
        });
        return;
      case 'keepAlive':
        return json(200);
      case 'playPrompt':
      case 'recordResponse': {
        const op: Operation = {
          id: randomUUID(),
          type:
            action === 'playPrompt'
              ? '#microsoft.graph.playPromptOperation'
              : '#microsoft.graph.recordOperation',
          clientContext: String(body.clientContext ?? ''),
          prompts: (body.prompts as unknown[]) ?? [],
          status: 'running',
        };
        call.operations.set(op.id, op);
        // Media operations queue in order (call-cancelmediaprocessing.md): each completes after the one before.
        const promptMs = this.opts.promptMs ?? 50;
        if (promptMs !== 'manual') {
          const ahead = [...call.operations.values()].filter((o) => o.status === 'running').length - 1;
          op.timer = setTimeout(
            () => {
              if (op.status === 'running')
                void this.send(callId, this.operationDeleted(callId, op, 'completed'));
            },
            promptMs * (ahead + 1),
          );
        }
        return json(
          200,
          { '@odata.type': op.type, id: op.id, status: 'running', clientContext: op.clientContext },
          { location: `${this.graphBaseUrl}/communications/calls/${callId}/operations/${op.id}` },
        );
      }
      case 'subscribeToTone':
        return json(
          200,
          {
            '@odata.type': '#microsoft.graph.subscribeToToneOperation',
            clientContext: body.clientContext,
            id: randomUUID(),
            status: 'completed',
          },
          { location: `${this.graphBaseUrl}/communications/calls/${callId}/operations/${randomUUID()}` },
        );
      case 'cancelMediaProcessing': {
        const running = [...call.operations.values()].filter((op) => op.status === 'running');
        json(200, {
          '@odata.type': '#microsoft.graph.cancelMediaProcessingOperation',
          status: 'completed',
          clientContext: body.clientContext,
          id: randomUUID(),
        });
        for (const op of running) {
          clearTimeout(op.timer);
          void this.send(callId, this.operationDeleted(callId, op, 'failed'));
        }
        return;
      }
      case 'transfer': {
        json(202);
        const target = (body as { transferTarget?: { identity?: { user?: { id?: string } } } })
          .transferTarget;
        const unanswered = this.opts.unanswered?.has(target?.identity?.user?.id ?? '') ?? false;
        void this.send(callId, this.callUpdate(callId, 'updated', { state: 'transferring' })).then(
          async () => {
            if ((this.opts.transfer ?? 'accept') === 'accept' && !unanswered)
              return this.send(
                callId,
                this.callUpdate(callId, 'updated', { state: 'transferAccepted' }),
              ).then(() =>
                this.terminate(callId, { code: 0, subcode: 7015, message: 'GracefulTransferCompleted' }),
              );
            // call-transfer.md: a failed transfer leaves the call established, with `subCode` spelled so.
            await this.send(
              callId,
              this.callUpdate(callId, 'updated', {
                state: 'established',
                resultInfo: {
                  '@odata.type': '#microsoft.graph.resultInfo',
                  code: 500,
                  subCode: 7000,
                  message: 'busy',
                },
              }),
            );
          },
        );
        return;
      }
      default:
        return json(400, { error: { code: 'BadRequest', message: `unknown action ${action}` } });
    }
  }

  /** A fixture re-pointed at another call id. */
  private renamed(body: Record<string, unknown>, callId: string): Record<string, unknown> {
    const text = JSON.stringify(body).replaceAll('57DAB8B1894C409AB240BD8BEAE78896', callId);
    return JSON.parse(text) as Record<string, unknown>;
  }
}
