import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Database } from '@parley/db';
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';

export interface HttpDeps {
  database: Pick<Database, 'db' | 'driver'>;
  /** The runtime's package version, reported by /health. */
  version: string;
  logger: Logger;
}

type Route = (req: IncomingMessage, deps: HttpDeps) => Promise<{ status: number; body: unknown }>;

const routes: Record<string, Partial<Record<string, Route>>> = {
  '/health': { GET: health },
};

/** The runtime's HTTP surface: health now; telephony webhooks join it as their adapters arrive. */
export function createHttpServer(deps: HttpDeps): Server {
  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://runtime').pathname;
    const methods = routes[path];
    const route = methods?.[req.method ?? 'GET'];
    if (!methods) return send(res, 404, { error: 'not-found', message: `there is no ${path} here` });
    if (!route) {
      res.setHeader('allow', Object.keys(methods).join(', '));
      return send(res, 405, {
        error: 'method-not-allowed',
        message: `${path} answers ${Object.keys(methods).join(', ')}`,
      });
    }
    route(req, deps).then(
      ({ status, body }) => send(res, status, body),
      (error: unknown) => {
        deps.logger.error({ err: error, path }, 'request failed');
        send(res, 500, { error: 'internal', message: 'the runtime failed to answer; see its log' });
      },
    );
  });
}

/** Healthy means the database answers a query, not merely that the process is up. */
async function health(_req: IncomingMessage, { database, version, logger }: HttpDeps) {
  try {
    await database.db.execute(sql`select 1`);
    return { status: 200, body: { status: 'ok', database: database.driver, version } };
  } catch (error) {
    logger.warn({ err: error }, 'health check: the database did not answer');
    return { status: 503, body: { status: 'unavailable', database: database.driver, version } };
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
