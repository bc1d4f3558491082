import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { openDatabase } from '@parley/db';
import { pino } from 'pino';
import { z } from 'zod';
import { ConfigError, loadConfig } from './config';
import { createHttpServer } from './http/server';

const { version } = z
  .object({ version: z.string() })
  .parse(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')));

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(2);
}

const logger = pino({ level: config.logLevel, base: { service: 'runtime', version } });
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
const server = createHttpServer({ database, version, logger });

server.on('error', (error) => {
  logger.fatal(
    { err: error, port: config.port },
    'runtime cannot listen; is the port taken? set PARLEY_RUNTIME_PORT',
  );
  process.exit(1);
});
server.listen(config.port, () => {
  const { port } = server.address() as AddressInfo;
  logger.info({ port, database: database.driver }, `runtime listening on http://localhost:${port}`);
});

let stopping = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'runtime stopping');
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  // Requests still running get a moment to finish; a stuck one must not keep the process alive.
  const force = setTimeout(() => server.closeAllConnections(), 5_000);
  await closed;
  clearTimeout(force);
  await database.close();
  logger.info('runtime stopped');
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    shutdown(signal).catch((error: unknown) => {
      logger.fatal({ err: error }, 'runtime failed to stop cleanly');
      process.exit(1);
    });
  });
}
