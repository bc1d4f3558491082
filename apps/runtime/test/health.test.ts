import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Database, openDatabase } from '@parley/db';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../src/http/server';

describe('runtime HTTP', () => {
  let database: Database;
  let server: Server;
  let base: string;
  let closed = false;

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    server = createHttpServer({ database, version: '9.9.9', logger: pino({ level: 'silent' }) });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    if (!closed) await database.close();
  });

  it('a load balancer asks /health → ok, after the database answered a query', async () => {
    const res = await fetch(`${base}/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toEqual({ status: 'ok', database: 'pglite', version: '9.9.9' });
  });

  it('an unknown path → 404 JSON that names it', async () => {
    const res = await fetch(`${base}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'not-found', message: 'there is no /nope here' });
  });

  it('POST /health → 405 with the methods it answers', async () => {
    const res = await fetch(`${base}/health`, { method: 'POST' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
  });

  // Last, because it closes the suite's database.
  it('the database is gone → /health says unavailable with 503, so traffic moves elsewhere', async () => {
    await database.close();
    closed = true;
    const res = await fetch(`${base}/health`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'unavailable', database: 'pglite', version: '9.9.9' });
  });
});
