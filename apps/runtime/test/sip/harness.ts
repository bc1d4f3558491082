import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  bindAddress,
  createAgent,
  createFlow,
  createQueue,
  createSipTrunk,
  createSkill,
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
import type { SipAdapterConfigInput } from '../../src/adapters/sip';
import { type Runtime, startRuntime } from '../../src/runtime';
import { freePort } from '../runtime/harness';

export const SIPP = '/usr/bin/sipp';
export const MAIN_LINE = '+14255550100';
export const SALES_LINE = '+14255550123';
export const OPERATOR_LINE = '+14255550000';
/** The support agent's Teams phone number, rung through the SBC for queue calls. */
export const AGENT_LINE = '+14255550777';

const say = (text: string): Prompt => ({ kind: 'tts', text });
const at = { x: 0, y: 0 };

/**
 * Welcome, then a menu: 1 goes to sales by transfer, 2 hangs up, 3 waits in the support queue, 4 takes a
 * voicemail message; a wrong key goes to the operator by transfer.
 */
export function salesLine(supportQueueId: string): FlowDocumentInput {
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
          prompt: say(
            'For sales press 1. To hang up press 2. For support press 3. For sales press 1. To hang up press 2.',
          ),
          options: [
            { key: '1', label: 'Sales' },
            { key: '2', label: 'Hang up' },
            { key: '3', label: 'Support' },
            { key: '4', label: 'Messages' },
          ],
          retries: 0,
          timeoutSeconds: 10,
        },
      },
      {
        id: 'sales',
        type: 'transfer',
        position: at,
        data: { target: { kind: 'phone', number: SALES_LINE } },
      },
      {
        id: 'operator',
        type: 'transfer',
        position: at,
        data: { target: { kind: 'phone', number: OPERATOR_LINE } },
      },
      {
        id: 'support',
        type: 'queue',
        position: at,
        data: { queueId: supportQueueId, priority: 5, skills: [], maxWaitSeconds: 60 },
      },
      {
        id: 'messages',
        type: 'voicemail',
        position: at,
        data: {
          mailbox: { kind: 'shared', address: 'support@fabrikam.com' },
          greeting: say('Please leave a message.'),
          maxLengthSeconds: 30,
        },
      },
      { id: 'goodbye', type: 'hangup', position: at, data: { reason: 'completed' } },
    ],
    edges: [
      ['start', 'next', 'welcome'],
      ['welcome', 'done', 'mainMenu'],
      ['mainMenu', '1', 'sales'],
      ['mainMenu', '2', 'goodbye'],
      ['mainMenu', '3', 'support'],
      ['mainMenu', '4', 'messages'],
      ['messages', 'failed', 'goodbye'],
      ['mainMenu', 'invalid', 'operator'],
      ['mainMenu', 'noInput', 'goodbye'],
      ['sales', 'failed', 'goodbye'],
      ['operator', 'failed', 'goodbye'],
      ['support', 'answered', 'goodbye'],
      ['support', 'timeout', 'goodbye'],
      ['support', 'overflow', 'goodbye'],
      ['support', 'noAgents', 'goodbye'],
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
  tenantId = '';
  adminId = '';
  private dir = '';

  /** Adapter settings the test needs besides the defaults (an SBC address for agent legs, ringback). */
  constructor(private readonly sipOptions: Partial<SipAdapterConfigInput> = {}) {}

  async start(): Promise<void> {
    this.dir = mkdtempSync(join(tmpdir(), 'parley-sip-'));
    this.database = await openDatabase({ dataDir: 'memory://' });
    const { db } = this.database;
    const tenant = await createTenant(db, { slug: `fabrikam-${Date.now()}`, name: 'Fabrikam' });
    const admin = await createUser(db, { email: `admin-${tenant.id}@fabrikam.com`, name: 'Admin' });
    const skill = await createSkill(db, tenant.id, { name: 'Support' });
    const queue = await createQueue(db, tenant.id, { name: 'Support', skillIds: [skill.id] });
    await createAgent(db, tenant.id, {
      teamsUserId: 'b1d6a0a4-5c7e-4b8e-9d0e-3f3c2a1b0c9d',
      displayName: 'Avery Support',
      sipTarget: AGENT_LINE,
      skills: [{ skillId: skill.id, proficiency: 4 }],
    });
    const flow = await createFlow(
      db,
      tenant.id,
      { name: 'Sales line', document: salesLine(queue.id) },
      admin.id,
    );
    await publishFlow(db, tenant.id, flow.id, { actorId: admin.id });
    await bindAddress(db, tenant.id, { kind: 'e164', address: MAIN_LINE, flowId: flow.id }, admin.id);
    // The SBC of the tests: sipp and raw peers on the loopback address.
    await createSipTrunk(db, tenant.id, { name: 'Lab SBC', addresses: ['127.0.0.1'] }, admin.id);
    this.tenantId = tenant.id;
    this.adminId = admin.id;
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
        // A busy test machine stalls the loop now and then; only the test of that check turns it on.
        maxEventLoopLagMs: 0,
        ...this.sipOptions,
      },
      logger: pino({ level: 'silent' }),
      version: 'test',
      database: this.database,
    });
  }

  /** Where the runtime keeps rendered prompts. */
  get promptCacheDir(): string {
    return join(this.dir, 'prompts');
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
  target: string | null,
  callId: string,
  options: { port?: number; extra?: string[] } = {},
): Promise<{ code: number | null; output: string }> {
  const args = [
    ...(target ? [target] : []),
    '-sf',
    scenario,
    '-m',
    '1',
    '-i',
    '127.0.0.1',
    '-p',
    String(options.port ?? (await freeUdpPort())),
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
    ...(options.extra ?? []),
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
