import { connect, type Socket } from 'node:net';
import { type Database, openDatabase } from '@parley/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteOf } from './pglite';
import { serveWireProtocol, type WireServer } from './wire-server';

const rowsOf = (result: unknown) => (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows);

describe('the embedded database served to several processes', () => {
  let embedded: Database;
  let server: WireServer;
  let runtime: Database;
  let web: Database;

  beforeAll(async () => {
    embedded = await openDatabase({ dataDir: 'memory://' });
    server = await serveWireProtocol(pgliteOf(embedded));
    [runtime, web] = await Promise.all([
      openDatabase({ url: server.url }),
      openDatabase({ url: server.url }),
    ]);
    await runtime.db.execute(sql`create table wire_test (id int primary key, note text not null)`);
  });

  afterAll(async () => {
    await Promise.all([runtime?.close(), web?.close()]);
    await server?.close();
    await embedded?.close();
  });

  it('the runtime and the web app query at once through their pools → each gets its own rows', async () => {
    const queries = Array.from({ length: 120 }, (_, i) => {
      const db = i % 2 ? runtime.db : web.db;
      return db
        .execute(sql`select ${i}::int as n, ${`caller ${i}`}::text as caller`)
        .then((result) => expect(rowsOf(result)).toEqual([{ n: i, caller: `caller ${i}` }]));
    });
    await Promise.all(queries);
  });

  it('a transaction in one pool is not seen by the other until it commits, and a failed one leaves nothing', async () => {
    let webCount: Promise<unknown> = Promise.resolve();
    await runtime.db.transaction(async (tx) => {
      await tx.execute(sql`insert into wire_test values (1, 'committed')`);
      // Not awaited: the web's query has to wait for the session until this transaction ends.
      webCount = web.db.execute(sql`select count(*)::int as n from wire_test`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    expect(rowsOf(await webCount)).toEqual([{ n: 1 }]);

    await expect(
      web.db.transaction(async (tx) => {
        await tx.execute(sql`insert into wire_test values (2, 'rolled back')`);
        throw new Error('the admin cancelled');
      }),
    ).rejects.toThrow('the admin cancelled');
    expect(rowsOf(await runtime.db.execute(sql`select id from wire_test order by id`))).toEqual([{ id: 1 }]);
  });

  it('a client that drops its connection mid-transaction → its work is rolled back and the others go on', async () => {
    const socket = await rawClient(server.port);
    const reply = await roundTrip(socket, query("begin; insert into wire_test values (3, 'abandoned')"));
    expect(String.fromCharCode(reply.at(-1)!)).toBe('T'); // ReadyForQuery: in a transaction
    socket.destroy();

    expect(rowsOf(await web.db.execute(sql`select id from wire_test order by id`))).toEqual([{ id: 1 }]);
  });
});

/** A bare protocol client: the startup packet only, so a test can leave at the worst moment. */
async function rawClient(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  const params = Buffer.from('user\0postgres\0database\0postgres\0\0');
  const startup = Buffer.alloc(8 + params.length);
  startup.writeInt32BE(startup.length, 0);
  startup.writeInt32BE(196608, 4); // protocol 3.0
  params.copy(startup, 8);
  await roundTrip(socket, startup);
  return socket;
}

function query(text: string): Buffer {
  const body = Buffer.from(`${text}\0`);
  const message = Buffer.alloc(5 + body.length);
  message.write('Q', 0);
  message.writeInt32BE(4 + body.length, 1);
  body.copy(message, 5);
  return message;
}

/** Sends a message and collects the reply up to and including ReadyForQuery. */
function roundTrip(socket: Socket, message: Buffer): Promise<Buffer> {
  return new Promise((resolve) => {
    let reply = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      reply = Buffer.concat([reply, chunk]);
      const z = reply.length >= 6 ? reply.subarray(-6) : null;
      if (z && z[0] === 0x5a && z.readInt32BE(1) === 5) {
        socket.off('data', onData);
        resolve(reply);
      }
    };
    socket.on('data', onData);
    socket.write(message);
  });
}
