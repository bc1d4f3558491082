import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  bindAddress,
  createFlow,
  createTenant,
  createUser,
  findCallByExternalId,
  listCallEvents,
  openDatabase,
  publishFlow,
} from '@parley/db';
import type { FlowDocumentInput } from '@parley/flow-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ID, BOT_ID, TENANT_ID } from '../graph/harness';
import { OPERATOR_UPN, PROMPTS } from './auto-attendant';
import { freePort, newStandin, OPERATOR_ID, pathOf } from './harness';

const at = { x: 0, y: 0 };
/** Welcome → menu → 3 reaches the operator; anything else says goodbye. No clock in it. */
const frontDesk: FlowDocumentInput = {
  schemaVersion: 1,
  name: 'Front desk',
  nodes: [
    { id: 'start', type: 'start', position: at, data: {} },
    { id: 'welcome', type: 'playPrompt', position: at, data: { prompt: PROMPTS.welcome } },
    {
      id: 'mainMenu',
      type: 'menu',
      position: at,
      data: { prompt: PROMPTS.menu, options: [{ key: '3', label: 'Operator' }], timeoutSeconds: 30 },
    },
    {
      id: 'operator',
      type: 'transfer',
      position: at,
      data: { target: { kind: 'teamsUser', user: { upn: OPERATOR_UPN } } },
    },
    { id: 'goodbye', type: 'hangup', position: at, data: {} },
  ],
  edges: [
    { id: 'a', source: 'start', outcome: 'next', target: 'welcome' },
    { id: 'b', source: 'welcome', outcome: 'done', target: 'mainMenu' },
    { id: 'c', source: 'mainMenu', outcome: '3', target: 'operator' },
    { id: 'd', source: 'mainMenu', outcome: 'noInput', target: 'goodbye' },
    { id: 'e', source: 'mainMenu', outcome: 'invalid', target: 'goodbye' },
    { id: 'f', source: 'operator', outcome: 'failed', target: 'goodbye' },
  ],
};

const main = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

describe('runtime process: killed in the middle of a menu, started again', () => {
  const standin = newStandin();
  const dir = mkdtempSync(join(tmpdir(), 'parley-restart-'));
  let env: NodeJS.ProcessEnv;
  let origin: string;
  let child: ChildProcess | null = null;

  beforeAll(async () => {
    await standin.start();
    const database = await openDatabase({ dataDir: join(dir, 'db') });
    const { db } = database;
    const tenant = await createTenant(db, { slug: 'fabrikam', name: 'Fabrikam' });
    const admin = await createUser(db, { email: 'admin@fabrikam.com', name: 'Admin' });
    const flow = await createFlow(db, tenant.id, { name: 'Front desk', document: frontDesk }, admin.id);
    await publishFlow(db, tenant.id, flow.id, { actorId: admin.id });
    await bindAddress(db, tenant.id, { kind: 'resourceAccount', address: BOT_ID, flowId: flow.id }, admin.id);
    await database.close();

    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    standin.callbackUrl = `${origin}/graph/callback`;
    writeFileSync(join(dir, 'ca.pem'), standin.ca);
    env = {
      ...process.env,
      DATABASE_URL: '',
      PARLEY_DATA_DIR: join(dir, 'db'),
      PARLEY_RUNTIME_PORT: String(port),
      PARLEY_LOG_LEVEL: 'warn',
      PARLEY_SIP: 'off',
      PARLEY_GRAPH_APP_ID: APP_ID,
      PARLEY_GRAPH_APP_SECRET: 'standin-secret',
      PARLEY_GRAPH_TENANT_ID: TENANT_ID,
      PARLEY_GRAPH_AUTHORITY_HOST: standin.origin,
      PARLEY_GRAPH_BASE_URL: standin.graphBaseUrl,
      PARLEY_GRAPH_OPENID_CONFIGURATION_URL: standin.openIdConfigurationUrl,
      PARLEY_GRAPH_CA_FILE: join(dir, 'ca.pem'),
      PARLEY_PUBLIC_BASE_URL: origin,
      PARLEY_PROMPT_CACHE_DIR: join(dir, 'prompts'),
    };
  });

  afterAll(async () => {
    child?.kill('SIGKILL');
    await standin.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Starts `node src/main.ts` and waits until /readyz answers 200. */
  async function startProcess(): Promise<ChildProcess> {
    const proc = spawn(process.execPath, ['--import', 'tsx', main], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    proc.stderr?.on('data', (chunk) => {
      stderr += String(chunk);
    });
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`the runtime exited with ${proc.exitCode}: ${stderr}`);
      const ready = await fetch(`${origin}/readyz`).then(
        (r) => r.status,
        () => 0,
      );
      if (ready === 200) return proc;
      if (Date.now() > deadline) throw new Error(`the runtime did not get ready: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const exited = (proc: ChildProcess) =>
    new Promise<number | null>((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) resolve(proc.exitCode);
      else proc.once('exit', (code) => resolve(code));
    });

  it('the caller presses 3 after the restart → the call resumes on the right branch, with no duplicated or missing events', async () => {
    standin.opts.promptMs = 30;
    child = await startProcess();
    const id = randomUUID();
    await standin.ring(id);
    await standin.waitForRequest(`/communications/calls/${id}/playPrompt`); // the welcome (completes by itself)
    standin.opts.promptMs = 'manual';
    await standin.waitForRequest(`/communications/calls/${id}/playPrompt`, 2, 10_000); // the menu: left playing
    const [menu] = standin.runningOperations(id);
    // What the call did so far reaches the database within the sink's linger; then the process dies hard.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    child.kill('SIGKILL');
    await exited(child);

    child = await startProcess();
    // Graph carries on: the menu prompt finishes, then the caller presses 3, both for a call the new
    // process has never seen.
    expect((await standin.complete(id, menu!.id)).status).toBe(202);
    await standin.press(id, '3');
    const transfer = await standin.waitForRequest(`/communications/calls/${id}/transfer`, 1, 10_000);
    expect(transfer.body).toMatchObject({ transferTarget: { identity: { user: { id: OPERATOR_ID } } } });
    await new Promise((resolve) => setTimeout(resolve, 500)); // the hand-off notification
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
    child = null;

    const database = await openDatabase({ dataDir: join(dir, 'db') });
    try {
      const found = await findCallByExternalId(database.db, 'graph', id);
      expect(found?.call).toMatchObject({ endedBy: 'handoff' });
      const events = await listCallEvents(database.db, found!.call.tenantId, found!.call.id);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      expect(pathOf(events)).toEqual(['start:next', 'welcome:done', 'mainMenu:3']);
      const story = events.map((e) => `${e.type}${e.nodeId ? `@${e.nodeId}` : ''}`);
      expect(story).toEqual([
        'call.started',
        'node.entered@start',
        'node.left@start',
        'node.entered@welcome',
        'prompt.played@welcome',
        'node.left@welcome',
        'node.entered@mainMenu',
        'prompt.played@mainMenu',
        'call.resumed@mainMenu',
        'digits.received@mainMenu',
        'node.left@mainMenu',
        'node.entered@operator',
        'transferred@operator',
        'call.ended@operator',
      ]);
    } finally {
      await database.close();
    }
  }, 90_000);
});
