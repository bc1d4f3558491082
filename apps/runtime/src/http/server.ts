import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Database } from '@parley/db';
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';

export interface HttpDeps {
  database: Pick<Database, 'db' | 'driver'>;
  /** The runtime's package version, reported by /health. */
  version: string;
  logger: Logger;
  metrics?: Registry;
  /** Why the runtime should get no new calls now (shutting down, events backing up), or null. */
  notReady?: () => string | null;
  /** Handlers that answer for themselves: telephony webhooks, prompt files. */
  mounts?: Mount[];
}

/** A handler that writes its own response, for `method` requests to `path` (or under it, with `prefix`). */
export interface Mount {
  method: string;
  path: string;
  prefix?: boolean;
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;
}

type Route = (req: IncomingMessage, deps: HttpDeps) => Promise<Reply>;
type Reply = { status: number; body: unknown; contentType?: string };

const routes: Record<string, Partial<Record<string, Route>>> = {
  '/health': { GET: health },
  '/healthz': { GET: async () => ({ status: 200, body: { status: 'ok' } }) },
  '/readyz': { GET: ready },
  '/metrics': { GET: metrics },
};

/** The runtime's HTTP surface: health, readiness and metrics, and the mounted telephony handlers. */
export function createHttpServer(deps: HttpDeps): Server {
  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://runtime').pathname;
    const mount = deps.mounts?.find(
      (m) => m.method === req.method && (m.prefix ? path.startsWith(m.path) : path === m.path),
    );
    if (mount) {
      Promise.resolve(mount.handle(req, res)).catch((error: unknown) => {
        deps.logger.error({ err: error, path }, 'request failed');
        if (!res.headersSent)
          send(res, { status: 500, body: { error: 'internal', message: 'see the runtime log' } });
      });
      return;
    }
    const methods = routes[path];
    const route = methods?.[req.method ?? 'GET'];
    if (!methods)
      return send(res, { status: 404, body: { error: 'not-found', message: `there is no ${path} here` } });
    if (!route) {
      res.setHeader('allow', Object.keys(methods).join(', '));
      return send(res, {
        status: 405,
        body: { error: 'method-not-allowed', message: `${path} answers ${Object.keys(methods).join(', ')}` },
      });
    }
    route(req, deps).then(
      (reply) => send(res, reply),
      (error: unknown) => {
        deps.logger.error({ err: error, path }, 'request failed');
        send(res, {
          status: 500,
          body: { error: 'internal', message: 'the runtime failed to answer; see its log' },
        });
      },
    );
  });
}

/** Healthy means the database answers a query, not merely that the process is up. */
async function health(_req: IncomingMessage, { database, version, logger }: HttpDeps): Promise<Reply> {
  try {
    await database.db.execute(sql`select 1`);
    return { status: 200, body: { status: 'ok', database: database.driver, version } };
  } catch (error) {
    logger.warn({ err: error }, 'health check: the database did not answer');
    return { status: 503, body: { status: 'unavailable', database: database.driver, version } };
  }
}

/** Ready for new calls: the database answers and nothing holds new calls back. */
async function ready(req: IncomingMessage, deps: HttpDeps): Promise<Reply> {
  const reason = deps.notReady?.() ?? null;
  if (reason) return { status: 503, body: { status: 'not-ready', reason } };
  const { status } = await health(req, deps);
  return status === 200
    ? { status, body: { status: 'ready' } }
    : { status, body: { status: 'not-ready', reason: 'the database does not answer' } };
}

async function metrics(_req: IncomingMessage, deps: HttpDeps): Promise<Reply> {
  if (!deps.metrics) return { status: 404, body: { error: 'not-found', message: 'metrics are off' } };
  return { status: 200, body: await deps.metrics.metrics(), contentType: deps.metrics.contentType };
}

function send(res: ServerResponse, { status, body, contentType }: Reply): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': contentType ?? 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
