import { createServer, type Server, type Socket } from 'node:net';

/** What the wire server needs of PGlite: raw protocol messages in, raw backend messages out. */
export interface ProtocolBackend {
  execProtocolRaw(message: Uint8Array): Promise<Uint8Array>;
  runExclusive<T>(fn: () => Promise<T>): Promise<T>;
}

export interface WireServer {
  /** `postgres://postgres@127.0.0.1:PORT/postgres`: what postgres.js (or psql) connects to. */
  url: string;
  port: number;
  /** Stops accepting, ends every connection (rolling back what they left open), then resolves. */
  close(): Promise<void>;
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const SYNC = Uint8Array.of(0x53, 0, 0, 0, 4); // 'S', length 4

/**
 * Serves one PGlite database to PostgreSQL clients over TCP, so that several processes (runtime, web)
 * share the embedded database that only one process may open.
 *
 * PGlite has a single backend session. A connection therefore takes the session from its first message
 * until the backend reports ReadyForQuery *idle* — the end of a whole extended-protocol batch
 * (Parse/Bind/Execute/Sync) or transaction — and other connections wait their turn. Interleaving at the
 * message level, as @electric-sql/pglite-socket 0.2.x does, lets one pool connection's Parse replace
 * another's unnamed statement between its Parse and Bind (electric-sql/pglite#1046).
 * Named prepared statements are shared by all connections; postgres.js names them randomly per
 * connection, so they do not collide.
 */
export async function serveWireProtocol(
  backend: ProtocolBackend,
  opts: { host?: string; port?: number } = {},
): Promise<WireServer> {
  const host = opts.host ?? '127.0.0.1';
  const session = new SessionLock();
  const connections = new Set<Connection>();
  const server = createServer((socket) => {
    const connection = new Connection(socket, backend, session);
    connections.add(connection);
    socket.once('close', () => connections.delete(connection));
  });
  await listen(server, host, opts.port ?? 0);
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the wire server has no TCP address');
  return {
    url: `postgres://postgres@${host}:${address.port}/postgres`,
    port: address.port,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([...connections].map((c) => c.end()));
      await closed;
    },
  };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** A FIFO lock on the one backend session. */
class SessionLock {
  private tail: Promise<void> = Promise.resolve();

  /** Resolves once the caller owns the session; call the returned function to hand it on. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const owned = this.tail.then(() => release);
    this.tail = this.tail.then(() => released);
    return owned;
  }
}

class Connection {
  private buffer: Buffer = Buffer.alloc(0);
  private started = false;
  private release: (() => void) | null = null;
  /** ReadyForQuery status of the last batch this connection ran: I idle, T in a transaction, E failed one. */
  private status: 'I' | 'T' | 'E' = 'I';
  private work: Promise<void> = Promise.resolve();
  private ended = false;

  constructor(
    private readonly socket: Socket,
    private readonly backend: ProtocolBackend,
    private readonly session: SessionLock,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.work = this.work.then(() => this.pump()).catch((error: unknown) => this.fail(error));
    });
    socket.on('error', () => socket.destroy()); // a client going away is not the server's problem
    socket.on('close', () => {
      this.work = this.work.then(() => this.cleanUp());
    });
  }

  /** Ends the connection and waits until the session is handed back in a clean state. */
  async end(): Promise<void> {
    this.socket.destroy();
    await this.work;
    await this.cleanUp();
  }

  private async pump(): Promise<void> {
    for (let message = this.next(); message; message = this.next()) {
      if (this.ended) return;
      if (!this.started) {
        const code = message.readInt32BE(4);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          this.socket.write('N'); // no encryption on a loopback socket
          continue;
        }
        if (code === CANCEL_REQUEST) {
          this.socket.end(); // a running query cannot be interrupted inside PGlite
          return;
        }
        this.started = true;
      } else if (message[0] === 0x58) {
        this.socket.end(); // Terminate: the session itself lives on for the other connections
        return;
      }
      const reply = await this.exec(message);
      if (!this.socket.destroyed) this.socket.write(reply);
    }
  }

  /** Runs one message holding the session, and lets the session go when the backend is idle again. */
  private async exec(message: Uint8Array): Promise<Uint8Array> {
    this.release ??= await this.session.acquire();
    const reply = await this.backend.runExclusive(() => this.backend.execProtocolRaw(message));
    const status = readyStatus(reply);
    if (status) this.status = status;
    if (status === 'I') this.unlock();
    return reply;
  }

  /** Next complete message in the buffer: the startup packet has no type byte, the rest have one. */
  private next(): Buffer | null {
    const headerLength = this.started ? 5 : 4;
    if (this.buffer.length < headerLength + (this.started ? 0 : 4)) return null;
    const length = (this.started ? 1 : 0) + this.buffer.readInt32BE(this.started ? 1 : 0);
    if (this.buffer.length < length) return null;
    const message = this.buffer.subarray(0, length);
    this.buffer = this.buffer.subarray(length);
    return message;
  }

  /** A connection that leaves mid-batch or mid-transaction must not leave that state to the next one. */
  private async cleanUp(): Promise<void> {
    this.ended = true;
    if (!this.release) return;
    try {
      const synced = readyStatus(await this.backend.runExclusive(() => this.backend.execProtocolRaw(SYNC)));
      if (synced !== 'I' || this.status !== 'I') {
        await this.backend.runExclusive(() => this.backend.execProtocolRaw(simpleQuery('ROLLBACK')));
      }
    } finally {
      this.unlock();
    }
  }

  private unlock(): void {
    const release = this.release;
    this.release = null;
    release?.();
  }

  private fail(error: unknown): void {
    this.socket.destroy(error instanceof Error ? error : new Error(String(error)));
  }
}

/** The status byte of the last ReadyForQuery ('Z') in a run of backend messages, if there is one. */
export function readyStatus(reply: Uint8Array): 'I' | 'T' | 'E' | null {
  const view = new DataView(reply.buffer, reply.byteOffset, reply.byteLength);
  let status: 'I' | 'T' | 'E' | null = null;
  for (let at = 0; at + 5 <= reply.length; at += 1 + view.getInt32(at + 1)) {
    if (reply[at] === 0x5a && at + 5 < reply.length)
      status = String.fromCharCode(reply[at + 5]!) as 'I' | 'T' | 'E';
  }
  return status;
}

function simpleQuery(sql: string): Uint8Array {
  const text = Buffer.from(`${sql}\0`);
  const message = Buffer.alloc(5 + text.length);
  message.write('Q', 0);
  message.writeInt32BE(4 + text.length, 1);
  text.copy(message, 5);
  return message;
}
