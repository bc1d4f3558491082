/**
 * Prepares the demo database for `npm start` and, when it is the embedded one, serves it.
 *
 * PGlite keeps its data directory for one process, but the runtime and the web app both need the
 * database. So this process opens `.data` (through @parley/db, which applies the migrations), seeds the
 * demo tenant, and serves the database over the PostgreSQL wire protocol on 127.0.0.1; the other
 * processes connect to it with postgres.js like to any server. With DATABASE_URL set it only migrates
 * and seeds that server, then exits.
 *
 * It reports `{ type: 'ready', databaseUrl, location, embedded, demo }` over the IPC channel when started with
 * one (scripts/start.mjs), else as a JSON line on stdout. Under start.mjs it stops when start.mjs
 * disconnects or sends SIGTERM, after the runtime and the web app have closed their connections.
 */
import { openDatabase, seedDemo } from '@parley/db';
import { pino } from 'pino';
import { loadConfig } from '../config';
import { pgliteOf } from '../embedded-db/pglite';
import { serveWireProtocol } from '../embedded-db/wire-server';

export interface DatabaseReady {
  type: 'ready';
  databaseUrl: string;
  /** Where the data lives, fit to print: the PGlite folder, or the server URL without its password. */
  location: string;
  embedded: boolean;
  demo: Awaited<ReturnType<typeof seedDemo>>;
}

const config = loadConfig();
const logger = pino({ level: config.logLevel, base: { service: 'embedded-db' } });

const database = await openDatabase(
  config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir },
);
logger.info(
  { driver: database.driver, location: database.location, migrated: database.migrated },
  'database ready',
);
const demo = await seedDemo(database);

if (config.databaseUrl) {
  await database.close();
  report({
    type: 'ready',
    databaseUrl: config.databaseUrl,
    location: database.location,
    embedded: false,
    demo,
  });
  process.exit(0);
}

const server = await serveWireProtocol(pgliteOf(database));
logger.info({ url: server.url }, 'serving the embedded database on the PostgreSQL protocol');
report({ type: 'ready', databaseUrl: server.url, location: database.location, embedded: true, demo });

let stopping = false;
async function stop(reason: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ reason }, 'embedded database stopping');
  await server.close();
  await database.close();
  logger.info('embedded database stopped');
  process.exit(0);
}
const stopOrDie = (reason: string) => {
  stop(reason).catch((error: unknown) => {
    logger.fatal({ err: error }, 'embedded database failed to stop cleanly');
    process.exit(1);
  });
};
process.on('SIGTERM', () => stopOrDie('SIGTERM'));
// Ctrl-C reaches the whole process group; under start.mjs the database must outlive the runtime and the
// web app, so it waits for start.mjs to let go of it instead.
process.on('SIGINT', () => {
  if (!process.connected) stopOrDie('SIGINT');
});
process.on('disconnect', () => stopOrDie('start.mjs let go'));

function report(message: DatabaseReady): void {
  if (process.send) process.send(message);
  else process.stdout.write(`${JSON.stringify(message)}\n`);
}
