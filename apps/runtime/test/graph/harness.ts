import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CallCheckpoint,
  type CallData,
  type CallRecord,
  CallSession,
  type TelephonyPort,
} from '@parley/call-engine';
import {
  type CallEvent,
  type CompiledFlow,
  compileFlow,
  type FlowDocumentInput,
  type Prompt,
  parseFlow,
} from '@parley/flow-schema';
import {
  createGraphAdapter,
  GRAPH_DEFAULTS,
  type GraphAdapter,
  type GraphCallHandler,
  type GraphCallSession,
  type GraphIncomingCall,
} from '../../src/adapters/graph';
import type { PromptStore } from '../../src/media/prompt-store';
import type { GraphStandin } from './standin';

export const APP_ID = '0efc74f7-41c3-47a4-8775-7259bfef4241';
export const TENANT_ID = '1fdd12d0-4620-44ed-baec-459b611f84b2';
/** The bot's id in the incoming-call fixture (`targets[0].identity.application.id`). */
export const BOT_ID = '8A34A46B-3D17-4ADC-8DCE-DC4E7D572698';
export const SUPPORT_UPN = 'support@contoso.com';
export const SUPPORT_ID = '550fae72-d251-43ec-868c-373732c2704f';
export const MAILBOX_ID = '66825e03-7ef5-42da-9069-724602c31f6b';

/** Compiles a flow document for a test, failing loudly with its problems. */
export function compile(input: FlowDocumentInput): CompiledFlow {
  const parsed = parseFlow(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems, null, 1));
  const result = compileFlow(parsed.document);
  if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 1));
  return result.compiled;
}

const at = { x: 0, y: 0 };
export const WELCOME: Prompt = { kind: 'tts', text: 'Welcome to Contoso.' };
export const MENU: Prompt = { kind: 'tts', text: 'For voicemail press 1, for support press 2.' };
export const SORRY: Prompt = { kind: 'tts', text: 'Sorry, support is busy.' };

/** Welcome → menu: 1 leaves a message, 2 goes to support (and hears an apology when support is busy). */
export const supportLine = compile({
  schemaVersion: 1,
  name: 'Support line',
  settings: { timezone: 'Europe/London', language: 'en-GB' },
  nodes: [
    { id: 'start', type: 'start', position: at, data: {} },
    { id: 'welcome', type: 'playPrompt', position: at, data: { prompt: WELCOME, bargeIn: false } },
    {
      id: 'mainMenu',
      type: 'menu',
      position: at,
      data: {
        prompt: MENU,
        options: [
          { key: '1', label: 'Voicemail' },
          { key: '2', label: 'Support' },
        ],
      },
    },
    {
      id: 'message',
      type: 'voicemail',
      position: at,
      data: { mailbox: { kind: 'user', user: { objectId: MAILBOX_ID } }, maxLengthSeconds: 60 },
    },
    {
      id: 'support',
      type: 'transfer',
      position: at,
      data: { target: { kind: 'teamsUser', user: { upn: SUPPORT_UPN } } },
    },
    { id: 'sorry', type: 'playPrompt', position: at, data: { prompt: SORRY } },
    { id: 'end', type: 'hangup', position: at, data: {} },
  ],
  edges: [
    { id: 'e1', source: 'start', outcome: 'next', target: 'welcome' },
    { id: 'e2', source: 'welcome', outcome: 'done', target: 'mainMenu' },
    { id: 'e3', source: 'mainMenu', outcome: '1', target: 'message' },
    { id: 'e4', source: 'mainMenu', outcome: '2', target: 'support' },
    { id: 'e5', source: 'mainMenu', outcome: 'noInput', target: 'end' },
    { id: 'e6', source: 'mainMenu', outcome: 'invalid', target: 'end' },
    { id: 'e7', source: 'support', outcome: 'failed', target: 'sorry' },
    { id: 'e8', source: 'message', outcome: 'failed', target: 'end' },
    { id: 'e9', source: 'sorry', outcome: 'done', target: 'end' },
  ],
});

/**
 * What the runtime will do, in miniature: a number bound to one flow, a CallSession per call, records in an
 * array, checkpoints in a map that outlives a "restart" (a new adapter instance).
 */
export class TestCallHandler implements GraphCallHandler {
  readonly sessions = new Map<string, CallSession>();
  readonly checkpoints = new Map<string, { call: CallData; checkpoint: CallCheckpoint }>();
  readonly records: CallRecord[] = [];
  readonly incomingCalls: GraphIncomingCall[] = [];
  readonly resumeAsked: string[] = [];
  /** Called ids with a flow; the bot of the fixture by default. */
  readonly bindings = new Set([BOT_ID]);
  /** When set, calls get no session: the test drives the port and reads the events itself. */
  manual = false;
  readonly ports = new Map<string, TelephonyPort>();
  readonly events: { callId: string; event: CallEvent }[] = [];

  constructor(private readonly compiled: CompiledFlow) {}

  async incoming(call: GraphIncomingCall, port: TelephonyPort): Promise<GraphCallSession | null> {
    this.incomingCalls.push(call);
    if (!this.bindings.has(call.called)) return null;
    if (this.manual) {
      this.ports.set(call.callId, port);
      return { send: (event) => this.events.push({ callId: call.callId, event }) };
    }
    const data: CallData = {
      callId: call.callId,
      caller: call.caller,
      ...(call.callerName ? { callerName: call.callerName } : {}),
      called: call.called,
      channel: 'graph',
      startedAt: new Date().toISOString(),
    };
    const session = CallSession.start({
      compiled: this.compiled,
      identity: { tenantId: call.tenantId, callId: call.callId, flowId: 'support-line', version: 1 },
      call: data,
      port,
      sink: { write: (r) => this.records.push(r) },
      onCheckpoint: (checkpoint) => this.checkpoints.set(call.callId, { call: data, checkpoint }),
    });
    this.sessions.set(call.callId, session);
    return { send: (event) => session.send(event), prefetch: [WELCOME, MENU] };
  }

  async resume(graphCallId: string, port: TelephonyPort): Promise<GraphCallSession | null> {
    this.resumeAsked.push(graphCallId);
    const saved = this.checkpoints.get(graphCallId);
    if (!saved || saved.checkpoint.done) return null;
    const session = CallSession.resume({
      compiled: this.compiled,
      identity: { tenantId: TENANT_ID, callId: graphCallId, flowId: 'support-line', version: 1 },
      call: saved.call,
      port,
      sink: { write: (r) => this.records.push(r) },
      onCheckpoint: (checkpoint) => this.checkpoints.set(graphCallId, { call: saved.call, checkpoint }),
      restore: saved.checkpoint,
    });
    this.sessions.set(graphCallId, session);
    return { send: (event) => session.send(event) };
  }

  /** The process dies: sessions stop running here; checkpoints stay. */
  restart(): void {
    for (const session of this.sessions.values()) session.detach();
    this.sessions.clear();
  }

  recordsOf(callId: string): CallRecord[] {
    return this.records.filter((r) => r.callId === callId);
  }
}

/** Parley's side: a node:http server with the adapter's callback and the prompt files mounted. */
export class ParleyUnderTest {
  adapter!: GraphAdapter;
  prompts!: PromptStore;
  private server!: Server;
  private promptDir = '';

  constructor(
    readonly standin: GraphStandin,
    readonly handler: TestCallHandler,
  ) {}

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async start(): Promise<void> {
    this.promptDir = mkdtempSync(join(tmpdir(), 'parley-prompts-'));
    this.server = createServer((req, res) => void this.route(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.standin.callbackUrl = `${this.origin}/graph/callback`;
    this.boot();
  }

  /** A new adapter instance, as after a restart of the runtime: nothing in memory but the prompt cache. */
  boot(opts: { keepAliveMs?: number } = {}): void {
    this.adapter?.close();
    ({ adapter: this.adapter, prompts: this.prompts } = createGraphAdapter(
      {
        appId: APP_ID,
        appSecret: 'standin-secret',
        tenantId: TENANT_ID,
        authorityHost: this.standin.origin,
        graphBaseUrl: this.standin.graphBaseUrl,
        openIdConfigurationUrl: this.standin.openIdConfigurationUrl,
        issuers: [...GRAPH_DEFAULTS.issuers],
        publicBaseUrl: this.origin,
        keepAliveMs: opts.keepAliveMs ?? GRAPH_DEFAULTS.keepAliveMs,
        caCertificate: this.standin.ca,
        promptCacheDir: this.promptDir,
      },
      this.handler,
    ));
  }

  async stop(): Promise<void> {
    this.adapter.close();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
    rmSync(this.promptDir, { recursive: true, force: true });
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://parley').pathname;
    if (path === '/graph/callback') return this.adapter.handleCallback(req, res);
    if (path.startsWith('/prompts/')) return this.prompts.handle(req, res);
    res.writeHead(404).end();
  }
}
