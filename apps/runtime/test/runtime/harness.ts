import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  bindAddress,
  createAgent,
  createFlow,
  createQueue,
  createSkill,
  createTenant,
  createUser,
  type Database,
  findCallByExternalId,
  listCallEvents,
  openDatabase,
  publishFlow,
} from '@parley/db';
import { pino } from 'pino';
import { GRAPH_DEFAULTS, type GraphConfig } from '../../src/adapters/graph';
import { type Runtime, startRuntime } from '../../src/runtime';
import { APP_ID, BOT_ID, TENANT_ID } from '../graph/harness';
import { GraphStandin } from '../graph/standin';
import { autoAttendant, MAILBOX, OPERATOR_UPN } from './auto-attendant';

export const OPERATOR_ID = '2b1e4c3a-0d6f-4a8e-9c1b-7f5e3d2a1b0c';
export const MAILBOX_ID = '66825e03-7ef5-42da-9069-724602c31f6b';
/** Agents: Alex serves sales; Megan, who knows networking, serves support (and sales). */
export const AGENT_ALEX = 'a1e8b2c4-5d6f-4a7b-8c9d-0e1f2a3b4c5d';
export const AGENT_MEGAN = 'b2f9c3d5-6e7a-4b8c-9d0e-1f2a3b4c5d6e';

/** A free TCP port on 127.0.0.1, so the runtime's public URL is known before it starts. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A tenant with the auto attendant published and bound to the bot's resource account. */
export async function seedAutoAttendant(database: Database) {
  const { db } = database;
  const tenant = await createTenant(db, { slug: `contoso-${Date.now()}`, name: 'Contoso' });
  const admin = await createUser(db, { email: `admin-${tenant.id}@contoso.com`, name: 'Admin' });
  const networking = await createSkill(db, tenant.id, { name: 'Networking' });
  const sales = await createQueue(db, tenant.id, { name: 'Sales', settings: { alertTimeoutSeconds: 20 } });
  // Support takes one waiting caller at most: the next one overflows to voicemail.
  const support = await createQueue(db, tenant.id, {
    name: 'Support',
    skillIds: [networking.id],
    settings: { alertTimeoutSeconds: 20, maxQueueSize: 1 },
  });
  const agents = {
    alex: await createAgent(db, tenant.id, {
      teamsUserId: AGENT_ALEX,
      displayName: 'Alex Wilber',
      skills: [],
    }),
    megan: await createAgent(db, tenant.id, {
      teamsUserId: AGENT_MEGAN,
      displayName: 'Megan Bowen',
      skills: [{ skillId: networking.id, proficiency: 4 }],
    }),
  };
  const flow = await createFlow(
    db,
    tenant.id,
    { name: 'Main line', document: autoAttendant({ sales: sales.id, support: support.id }) },
    admin.id,
  );
  const version = await publishFlow(db, tenant.id, flow.id, { actorId: admin.id });
  await bindAddress(db, tenant.id, { kind: 'resourceAccount', address: BOT_ID, flowId: flow.id }, admin.id);
  return { tenant, admin, flow, version, queues: { sales, support }, agents };
}

/** The Graph adapter's settings for a runtime that talks to the stand-in. */
export function graphConfig(
  standin: GraphStandin,
  publicBaseUrl: string,
  promptCacheDir: string,
): GraphConfig {
  return {
    appId: APP_ID,
    appSecret: 'standin-secret',
    tenantId: TENANT_ID,
    authorityHost: standin.origin,
    graphBaseUrl: standin.graphBaseUrl,
    openIdConfigurationUrl: standin.openIdConfigurationUrl,
    issuers: [...GRAPH_DEFAULTS.issuers],
    publicBaseUrl,
    keepAliveMs: GRAPH_DEFAULTS.keepAliveMs,
    caCertificate: standin.ca,
    promptCacheDir,
  };
}

export function newStandin(): GraphStandin {
  return new GraphStandin({
    appId: APP_ID,
    appSecret: 'standin-secret',
    tenantId: TENANT_ID,
    users: { [OPERATOR_UPN]: OPERATOR_ID, [MAILBOX]: MAILBOX_ID },
  });
}

/** The whole runtime in this process, on an in-memory database, against the Graph stand-in. */
export class RuntimeUnderTest {
  runtime!: Runtime;
  database!: Database;
  seed!: Awaited<ReturnType<typeof seedAutoAttendant>>;
  /** The wall clock calls see. */
  now = new Date('2026-12-01T15:00:00Z');
  private dir = '';

  constructor(readonly standin: GraphStandin) {}

  async start(): Promise<void> {
    this.dir = mkdtempSync(join(tmpdir(), 'parley-runtime-'));
    this.database = await openDatabase({ dataDir: 'memory://' });
    this.seed = await seedAutoAttendant(this.database);
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    this.standin.callbackUrl = `${origin}/graph/callback`;
    this.runtime = await startRuntime({
      config: { port, logLevel: 'silent', databaseUrl: undefined, dataDir: this.dir },
      graph: graphConfig(this.standin, origin, join(this.dir, 'prompts')),
      logger: pino({ level: 'silent' }),
      version: 'test',
      database: this.database,
      now: () => this.now,
    });
  }

  async stop(): Promise<void> {
    await this.runtime.stop();
    await this.database.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** The stored call of a Graph call id, once the runtime has created it. */
  async call(graphCallId: string) {
    const found = await findCallByExternalId(this.database.db, 'graph', graphCallId);
    if (!found) throw new Error(`no call stored for Graph call ${graphCallId}`);
    return found.call;
  }

  /** The stored events of a Graph call, after everything pending was stored. */
  async events(graphCallId: string) {
    await this.runtime.sink.flush();
    const call = await this.call(graphCallId);
    return listCallEvents(this.database.db, call.tenantId, call.id);
  }

  /** Waits until the call has ended and its records are stored. */
  async ended(graphCallId: string, timeoutMs = 5_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.runtime.sink.flush();
      const call = await this.call(graphCallId);
      if (call.endedAt) return call;
      if (Date.now() > deadline) throw new Error(`call ${graphCallId} did not end`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/** `node:outcome` of every node a call left, from stored events. */
export function pathOf(
  events: { type: string; nodeId: string | null; data: Record<string, unknown> }[],
): string[] {
  return events.filter((e) => e.type === 'node.left').map((e) => `${e.nodeId}:${e.data.outcome}`);
}
