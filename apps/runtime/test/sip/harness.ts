import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  bindAddress,
  createFlow,
  createTenant,
  createUser,
  type Database,
  findCallByExternalId,
  listCallEvents,
  openDatabase,
  publishFlow,
} from '@parley/db';
import type { FlowDocumentInput, Prompt } from '@parley/flow-schema';
import { pino } from 'pino';
import { type Runtime, startRuntime } from '../../src/runtime';
import { freePort } from '../runtime/harness';

export const SIPP = '/usr/bin/sipp';
export const MAIN_LINE = '+14255550100';
export const SALES_LINE = '+14255550123';

const say = (text: string): Prompt => ({ kind: 'tts', text });
const at = { x: 0, y: 0 };

/** Welcome, then a menu: 1 goes to sales by transfer, 2 hangs up. */
export function salesLine(): FlowDocumentInput {
  return {
    schemaVersion: 1,
    name: 'Sales line',
    settings: { timezone: 'America/New_York', language: 'en-US' },
    nodes: [
      { id: 'start', type: 'start', position: at, data: {} },
      { id: 'welcome', type: 'playPrompt', position: at, data: { prompt: say('Welcome.') } },
      {
        id: 'mainMenu',
        type: 'menu',
        position: at,
        data: {
          prompt: say('For sales press 1. To hang up press 2. For sales press 1. To hang up press 2.'),
          options: [
            { key: '1', label: 'Sales' },
            { key: '2', label: 'Hang up' },
          ],
          retries: 1,
          timeoutSeconds: 10,
        },
      },
      {
        id: 'sales',
        type: 'transfer',
        position: at,
        data: { target: { kind: 'phone', number: SALES_LINE } },
      },
      { id: 'goodbye', type: 'hangup', position: at, data: { reason: 'completed' } },
    ],
    edges: [
      ['start', 'next', 'welcome'],
      ['welcome', 'done', 'mainMenu'],
      ['mainMenu', '1', 'sales'],
      ['mainMenu', '2', 'goodbye'],
      ['mainMenu', 'invalid', 'goodbye'],
      ['mainMenu', 'noInput', 'goodbye'],
      ['sales', 'failed', 'goodbye'],
    ].map(([source, outcome, target], i) => ({
      id: `e${i}`,
      source: source as string,
      outcome: outcome as string,
      target: target as string,
    })),
  };
}

/** A free UDP port on 127.0.0.1 (for sipp's signalling and media sockets). */
export async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(resolve));
  return port;
}

/** The whole runtime with the SIP adapter on a free UDP port and the sales line bound to +14255550100. */
export class SipRuntime {
  runtime!: Runtime;
  database!: Database;
  private dir = '';

  async start(): Promise<void> {
    this.dir = mkdtempSync(join(tmpdir(), 'parley-sip-'));
    this.database = await openDatabase({ dataDir: 'memory://' });
    const { db } = this.database;
    const tenant = await createTenant(db, { slug: `fabrikam-${Date.now()}`, name: 'Fabrikam' });
    const admin = await createUser(db, { email: `admin-${tenant.id}@fabrikam.com`, name: 'Admin' });
    const flow = await createFlow(db, tenant.id, { name: 'Sales line', document: salesLine() }, admin.id);
    await publishFlow(db, tenant.id, flow.id, { actorId: admin.id });
    await bindAddress(db, tenant.id, { kind: 'e164', address: MAIN_LINE, flowId: flow.id }, admin.id);
    this.runtime = await startRuntime({
      config: { port: await freePort(), logLevel: 'silent', databaseUrl: undefined, dataDir: this.dir },
      graph: null,
      sip: {
        host: '127.0.0.1',
        bindAddress: '127.0.0.1',
        udpPort: 0,
        mediaAddress: '127.0.0.1',
        rtpBind: { address: '127.0.0.1' },
        promptCacheDir: join(this.dir, 'prompts'),
      },
      logger: pino({ level: 'silent' }),
      version: 'test',
      database: this.database,
    });
  }

  get sipPort(): number {
    const sip = this.runtime.sip;
    if (!sip) throw new Error('the runtime started without SIP');
    return sip.udpPort;
  }

  async stop(): Promise<void> {
    await this.runtime.stop();
    await this.database.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** The stored events of a SIP call (by Call-ID), after everything pending was stored. */
  async events(sipCallId: string) {
    await this.runtime.sink.flush();
    const found = await findCallByExternalId(this.database.db, 'sip', sipCallId);
    if (!found) throw new Error(`no call stored for SIP Call-ID ${sipCallId}`);
    return listCallEvents(this.database.db, found.call.tenantId, found.call.id);
  }
}

/** Whether sipp can run here; under CI its absence is a failure, elsewhere the sipp tests skip. */
export function sippAvailable(): boolean {
  const found = existsSync(SIPP);
  if (!found && process.env.CI === 'true') throw new Error(`sipp is required in CI (${SIPP} not found)`);
  return found;
}

/** Runs one sipp call against the runtime; resolves with its exit code and output. */
export async function runSipp(
  scenario: string,
  target: string,
  callId: string,
): Promise<{ code: number | null; output: string }> {
  const args = [
    target,
    '-sf',
    scenario,
    '-m',
    '1',
    '-i',
    '127.0.0.1',
    '-p',
    String(await freeUdpPort()),
    '-mi',
    '127.0.0.1',
    '-mp',
    String(await freeUdpPort()),
    '-cid_str',
    callId,
    '-timeout',
    '25s',
    '-timeout_error',
    '-nostdin',
  ];
  const child = spawn(SIPP, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, output: output.slice(-4000) };
}
