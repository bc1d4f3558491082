import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Database, openDatabase, storeCallItems, storeCallRecording } from '@parley/db';
import { PromptCache } from '@parley/rtp';
import type { Logger } from 'pino';
import { createGraphAdapter, type GraphAdapter, type GraphConfig } from './adapters/graph';
import { GraphPresenceSource } from './adapters/graph/presence';
import { SipAdapter, type SipAdapterConfigInput, SipPrompts, sipAdapterConfigSchema } from './adapters/sip';
import { graphCallHandler } from './calls/graph-handler';
import { CallManager } from './calls/manager';
import type { RuntimeConfig } from './config';
import { EventSink } from './events/sink';
import { createHttpServer, type Mount } from './http/server';
import { createMetrics } from './metrics';
import { DatabaseAgentDirectory, SkillQueueRouter } from './queues';
import { Router } from './routing/router';

export interface RuntimeOptions {
  config: RuntimeConfig;
  /** The Graph calling adapter's settings; null turns it off. */
  graph: GraphConfig | null;
  /** The SIP / Direct Routing adapter's settings; absent or null leaves it off. */
  sip?: SipAdapterConfigInput | null;
  logger: Logger;
  version: string;
  /** An open database to use instead of opening one from the config (tests). */
  database?: Database;
  /** The wall clock of calls; tests set it to reach business hours, closed hours and holidays. */
  now?: () => Date;
}

/** A running runtime: its URL, its parts for tests, and a clean stop. */
export interface Runtime {
  url: string;
  database: Database;
  manager: CallManager;
  sink: EventSink;
  graph: GraphAdapter | null;
  sip: SipAdapter | null;
  /** Stops taking calls, detaches running calls (resumable elsewhere), stores what is pending. */
  stop(): Promise<void>;
}

/** Opens the database, wires routing, the call manager, the event sink and the adapters, and listens. */
export async function startRuntime(opts: RuntimeOptions): Promise<Runtime> {
  const { config, logger } = opts;
  const database =
    opts.database ?? (await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir }));
  const metrics = createMetrics();
  const sink = new EventSink({
    store: (batch) => storeCallItems(database.db, batch),
    spoolDir: join(config.dataDir, 'spool'),
    onError: (error, pending) => {
      metrics.sinkFailures.inc();
      logger.warn({ err: error, pending }, 'call records could not be stored yet; retrying');
    },
  });
  const recovered = await sink.recover();
  if (recovered > 0) logger.info({ recovered }, 'storing call records a previous run left in the spool');
  const router = new Router(database.db);
  const manager = new CallManager({
    db: database.db,
    router,
    sink,
    metrics,
    logger,
    ...(opts.now ? { now: opts.now } : {}),
  });

  const mounts: Mount[] = [];
  let graph: GraphAdapter | null = null;
  let queues: SkillQueueRouter | null = null;
  const graphConfig = opts.graph;
  if (graphConfig) {
    const { adapter, prompts, clients } = createGraphAdapter(
      graphConfig,
      graphCallHandler(manager),
      logger.child({ adapter: 'graph' }),
    );
    graph = adapter;
    const presence = new GraphPresenceSource(clients);
    queues = new SkillQueueRouter({
      directory: new DatabaseAgentDirectory(database.db),
      // Agents are users of the bot's own Entra tenant.
      presence: { availability: (_tenantId, ids) => presence.availability(graphConfig.tenantId, ids) },
      offers: manager,
      log: logger.child({ component: 'queues' }),
    });
    manager.useQueues(queues);
    mounts.push({ method: 'POST', path: '/graph/callback', handle: adapter.handleCallback });
    mounts.push({ method: 'GET', path: '/prompts/', prefix: true, handle: prompts.handle });
  }

  if (!queues && opts.sip) {
    // Without Graph, Teams presence is out of sight: every agent counts as available, and an agent who is
    // busy or away simply does not answer the agent leg (a missed offer).
    queues = new SkillQueueRouter({
      directory: new DatabaseAgentDirectory(database.db),
      presence: { availability: async (_tenantId, ids) => new Map(ids.map((id) => [id, 'Available'])) },
      offers: manager,
      log: logger.child({ component: 'queues' }),
    });
    manager.useQueues(queues);
  }

  let sip: SipAdapter | null = null;
  if (opts.sip) {
    const sipConfig = sipAdapterConfigSchema.parse(opts.sip);
    const prompts = new SipPrompts({
      cache: new PromptCache(sipConfig.promptCacheDir),
      db: database.db,
      defaultLanguage: sipConfig.defaultLanguage,
      logger: logger.child({ component: 'prompts' }),
    });
    // A version seen for the first time has its prompts made ready before (or while) its first call plays.
    router.onRouteLoaded((route) => void prompts.warm(route.compiled, route.tenantId));
    sip = await SipAdapter.start(
      sipConfig,
      {
        handler: manager,
        trunks: (source) => router.trunk(source),
        recordings: {
          store: async ({ tenantId, ...recording }) => {
            await storeCallRecording(database.db, tenantId, { ...recording, nodeId: null });
          },
        },
        prompts,
      },
      logger.child({ adapter: 'sip' }),
    );
  }

  let stopping = false;
  const server = createHttpServer({
    database,
    version: opts.version,
    logger,
    metrics: metrics.registry,
    mounts,
    notReady: () => {
      if (stopping) return 'the runtime is stopping';
      const { spooled } = sink.snapshot;
      return spooled > 0 ? `${spooled} call records wait on disk for the database` : null;
    },
  });
  const collect = setInterval(() => {
    const stats = sink.snapshot;
    metrics.sinkBacklog.set(stats.backlog);
    metrics.sinkSpooled.set(stats.spooled);
  }, 1_000);
  collect.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    database,
    manager,
    sink,
    graph,
    sip,
    stop: async () => {
      stopping = true;
      clearInterval(collect);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const force = setTimeout(() => server.closeAllConnections(), 5_000);
      graph?.close();
      await sip?.close();
      queues?.close();
      manager.detachAll();
      try {
        await sink.close();
      } catch (error) {
        logger.error({ err: error }, 'call records are left in the spool for the next start');
      }
      await closed;
      clearTimeout(force);
      if (!opts.database) await database.close();
    },
  };
}
