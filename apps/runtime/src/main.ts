import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { z } from 'zod';
import { GraphConfigError, loadGraphConfig } from './adapters/graph';
import { loadSipConfig } from './adapters/sip';
import { ConfigError, loadConfig } from './config';
import { startRuntime } from './runtime';

const { version } = z
  .object({ version: z.string() })
  .parse(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')));

let config: ReturnType<typeof loadConfig>;
let graph: ReturnType<typeof loadGraphConfig>;
let sip: Awaited<ReturnType<typeof loadSipConfig>>;
try {
  config = loadConfig();
  graph = loadGraphConfig();
  sip = await loadSipConfig(process.env, config.dataDir);
} catch (error) {
  if (!(error instanceof ConfigError || error instanceof GraphConfigError)) throw error;
  console.error(error.message);
  process.exit(2);
}

const logger = pino({ level: config.logLevel, base: { service: 'runtime', version } });
const runtime = await startRuntime({ config, graph, sip, logger, version }).catch(
  (error: NodeJS.ErrnoException & { port?: number }) => {
    if (error.code === 'EADDRINUSE')
      logger.fatal(
        { err: error },
        'runtime cannot listen: a port is taken; set PARLEY_RUNTIME_PORT, or PARLEY_SIP_UDP_PORT / _TCP_PORT / _TLS_PORT (or PARLEY_SIP=off)',
      );
    else logger.fatal({ err: error }, 'runtime failed to start');
    process.exit(1);
  },
);
logger.info(
  {
    url: runtime.url,
    database: runtime.database.driver,
    graph: graph ? runtime.graph?.callbackUrl : 'off',
    sip: runtime.sip ? runtime.sip.endpoint.ports : 'off',
  },
  `runtime listening on ${runtime.url}`,
);

let stopping = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'runtime stopping');
  await runtime.stop();
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
