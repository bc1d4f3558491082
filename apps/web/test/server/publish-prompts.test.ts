import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getCompiledVersion } from '@parley/db';
import { fixedPrompts } from '@parley/flow-schema';
import { promptKey, uploadedPromptKey, writeWav } from '@parley/rtp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openWorld, type World } from './support';

interface MenuDocument {
  [key: string]: unknown;
  nodes: { id: string; data: Record<string, unknown> }[];
}

const simpleMenu = JSON.parse(
  readFileSync(
    new URL('../../../../packages/flow-schema/examples/simple-menu.json', import.meta.url),
    'utf8',
  ),
) as MenuDocument;

/** The menu with its prompts changed, by node id. */
function menuWith(prompts: Record<string, unknown>): MenuDocument {
  const doc = structuredClone(simpleMenu);
  for (const node of doc.nodes) if (node.id in prompts) node.data.prompt = prompts[node.id];
  return doc;
}

/** A recorded welcome: 1 s of a 16 kHz tone. */
const welcomeWav = writeWav(
  Int16Array.from({ length: 16000 }, (_, i) => Math.round(5000 * Math.sin((2 * Math.PI * 440 * i) / 16000))),
  16000,
);

let world: World;
let tenantId: string;
let cacheDir: string;
let welcomeId: string;
let storedId: string;
const savedEnv = { cache: process.env.PARLEY_PROMPT_CACHE_DIR, path: process.env.PATH };

beforeAll(async () => {
  if (spawnSync('espeak-ng', ['--version']).status !== 0)
    throw new Error('espeak-ng is required for these tests (Debian/Ubuntu: apt-get install espeak-ng)');
  world = await openWorld();
  tenantId = world.acme.id;
  const dee = world.as(world.acme.users.designer);
  const common = { tenantId, language: 'en-US', contentType: 'audio/wav' };
  welcomeId = (
    await dee.prompts.create({ ...common, name: 'Welcome', audioBase64: welcomeWav.toString('base64') })
  ).id;
  storedId = (
    await dee.prompts.create({ ...common, name: 'Long hold', storageKey: 'prompts/hold.wav', sizeBytes: 9e6 })
  ).id;
});

beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'parley-publish-prompts-'));
  process.env.PARLEY_PROMPT_CACHE_DIR = cacheDir;
});

afterAll(async () => {
  process.env.PARLEY_PROMPT_CACHE_DIR = savedEnv.cache;
  process.env.PATH = savedEnv.path;
  await world?.database.close();
  await rm(cacheDir, { recursive: true, force: true });
});

/** A new flow holding `document`, as the designer leaves it. */
async function flowOf(name: string, document: MenuDocument): Promise<string> {
  const flow = await world.as(world.acme.users.designer).flows.create({ tenantId, name, document });
  return flow.id;
}

describe('publishing renders prompts for SIP calls', () => {
  it('publisher publishes a menu → its text and uploaded prompts are in the cache in μ-law and A-law; the caller’s name is left for the call', async () => {
    const flowId = await flowOf(
      'Welcome line',
      menuWith({
        welcome: { kind: 'audio', promptId: welcomeId },
        goodbye: { kind: 'tts', text: 'Goodbye {{call.callerName}}.' },
      }),
    );
    const published = await world.as(world.acme.users.publisher).versions.publish({ tenantId, flowId });
    expect(published).toMatchObject({ number: 1, promptWarnings: [] });

    const compiled = await getCompiledVersion(world.db, tenantId, flowId, 1);
    const fixed = fixedPrompts(compiled);
    expect(fixed).toHaveLength(3); // the menu, its apology and the uploaded welcome
    const files = await readdir(cacheDir);
    expect(files).toHaveLength(6);
    const menu = { text: 'For sales press 1, for support press 2.', language: 'en-US' };
    expect(files).toContain(`${promptKey({ ...menu, codec: 'PCMU' })}.ulaw`);
    expect(files).toContain(`${promptKey({ ...menu, codec: 'PCMA' })}.alaw`);
    expect(files).toContain(`${uploadedPromptKey({ wav: welcomeWav, codec: 'PCMU' })}.ulaw`);
    expect(files).toContain(`${uploadedPromptKey({ wav: welcomeWav, codec: 'PCMA' })}.alaw`);
  });

  it('a prompt that cannot be rendered does not stop the publish: the version is live and the warning names it', async () => {
    const flowId = await flowOf('Hold line', menuWith({ welcome: { kind: 'audio', promptId: storedId } }));
    const pat = world.as(world.acme.users.publisher);
    const published = await pat.versions.publish({ tenantId, flowId });
    expect(published.number).toBe(1);
    expect(published.promptWarnings).toEqual([
      `audio prompt ${storedId} cannot be played: its audio is kept in object storage (prompts/hold.wav), which prompts cannot be read from yet`,
    ]);
    expect((await pat.flows.get({ tenantId, flowId })).liveVersion).toBe(1);
    expect(await readdir(cacheDir)).toHaveLength(6); // the menu, its apology and Goodbye.
  });

  it('without espeak-ng the publish still succeeds, with one warning per text prompt; rolling back later renders them', async () => {
    const flowId = await flowOf('Plain menu', simpleMenu);
    const pat = world.as(world.acme.users.publisher);
    process.env.PATH = '/nonexistent';
    const published = await pat.versions.publish({ tenantId, flowId }).finally(() => {
      process.env.PATH = savedEnv.path;
    });
    expect(published.number).toBe(1);
    expect(published.promptWarnings).toHaveLength(4);
    for (const text of ['Welcome to Contoso.', 'For sales press 1, for support press 2.', 'Goodbye.'])
      expect(published.promptWarnings).toContainEqual(expect.stringContaining(`text prompt "${text}"`));
    expect(await readdir(cacheDir).catch(() => [])).toEqual([]);

    // espeak-ng is back: making version 1 live again renders what it could not.
    const rolledBack = await pat.versions.rollback({ tenantId, flowId, toVersion: 1 });
    expect(rolledBack).toMatchObject({ number: 1, promptWarnings: [] });
    expect(await readdir(cacheDir)).toHaveLength(8);
  });
});
