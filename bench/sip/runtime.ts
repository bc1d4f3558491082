import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  bindAddress,
  createFlow,
  createSipTrunk,
  createTenant,
  createUser,
  openDatabase,
  publishFlow,
} from '@parley/db';
import type { FlowDocumentInput } from '@parley/flow-schema';
import { pino } from 'pino';
import { startRuntime } from '../../apps/runtime/src/runtime';

/** The number the bench calls: bound to the thank-you flow. */
export const MAIN_LINE = '+14255550100';
/** The SBC's address as the runtime sees it. */
export const SBC_ADDRESS = '127.0.0.1';

const at = { x: 0, y: 0 };

/** Answer, one prompt, hang up: the shortest flow that still plays audio. */
function thankYouFlow(): FlowDocumentInput {
  return {
    schemaVersion: 1,
    name: 'Thank you line',
    settings: { timezone: 'America/New_York', language: 'en-US' },
    nodes: [
      { id: 'start', type: 'start', position: at, data: {} },
      {
        id: 'thanks',
        type: 'playPrompt',
        position: at,
        data: { prompt: { kind: 'tts', text: 'Thank you for calling.' } },
      },
      { id: 'goodbye', type: 'hangup', position: at, data: { reason: 'completed' } },
    ],
    edges: [
      { id: 'e0', source: 'start', outcome: 'next', target: 'thanks' },
      { id: 'e1', source: 'thanks', outcome: 'done', target: 'goodbye' },
    ],
  };
}

/** The runtime under load: SIP on a free UDP port of 127.0.0.1, everything else in memory. */
export interface BenchRuntime {
  sipPort: number;
  stop(): Promise<void>;
}

/**
 * Starts the whole runtime on an in-memory database holding one tenant whose thank-you flow is published
 * and bound to the main line; logs are off so they cost nothing under load.
 */
export async function startBenchRuntime(): Promise<BenchRuntime> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-sip-'));
  const database = await openDatabase({ dataDir: 'memory://' });
  try {
    const { db } = database;
    const tenant = await createTenant(db, { slug: 'contoso-bench', name: 'Contoso' });
    const admin = await createUser(db, { email: 'admin@contoso.com', name: 'Admin' });
    const flow = await createFlow(
      db,
      tenant.id,
      { name: 'Thank you line', document: thankYouFlow() },
      admin.id,
    );
    await publishFlow(db, tenant.id, flow.id, { actorId: admin.id });
    await bindAddress(db, tenant.id, { kind: 'e164', address: MAIN_LINE, flowId: flow.id }, admin.id);
    await createSipTrunk(db, tenant.id, { name: 'Bench SBC', addresses: [SBC_ADDRESS] }, admin.id);

    const logger = pino({ level: 'silent' });
    const runtime = await startRuntime({
      config: { port: 0, logLevel: 'silent', databaseUrl: undefined, dataDir: dir },
      graph: null,
      sip: {
        host: '127.0.0.1',
        bindAddress: '127.0.0.1',
        udpPort: 0,
        mediaAddress: '127.0.0.1',
        rtpBind: { address: '127.0.0.1' },
        promptCacheDir: join(dir, 'prompts'),
      },
      logger,
      version: 'bench',
      database,
    });
    const sipPort = runtime.sip?.udpPort;
    if (sipPort === undefined) throw new Error('the runtime started without SIP');
    return {
      sipPort,
      stop: async () => {
        try {
          await runtime.stop();
        } finally {
          await database.close();
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
