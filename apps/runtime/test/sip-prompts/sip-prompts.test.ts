import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPrompt, createTenant, type Database, openDatabase } from '@parley/db';
import { type CompiledFlow, compileFlow, type Prompt, parseFlow } from '@parley/flow-schema';
import {
  decodeG711,
  musicOnHold,
  PromptCache,
  PromptRenderError,
  promptKey,
  uploadedPromptKey,
  writeWav,
} from '@parley/rtp';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SipPrompts } from '../../src/adapters/sip/prompts';

const contactCenter = JSON.parse(
  readFileSync(
    new URL('../../../../packages/flow-schema/examples/contact-center.json', import.meta.url),
    'utf8',
  ),
) as { nodes: { id: string; data: Record<string, unknown> }[] };

/** The contact center with the voicemail greeting and the billing queue's hold prompt uploaded. */
function contactCenterWith(greeting: Prompt, hold: Prompt): CompiledFlow {
  const raw = structuredClone(contactCenter);
  for (const node of raw.nodes) {
    if (node.id === 'voicemail') node.data.greeting = greeting;
    if (node.id === 'billingQueue') node.data.holdPrompt = hold;
  }
  const parsed = parseFlow(raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const compiled = compileFlow(parsed.document);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  return compiled.compiled;
}

/** A greeting as recorded on a PC: 16 kHz mono, 1.5 s of a soft two-tone chime. */
const greetingWav = writeWav(
  Int16Array.from({ length: 24000 }, (_, i) =>
    Math.round(
      4000 * (Math.sin((2 * Math.PI * 523 * i) / 16000) + Math.sin((2 * Math.PI * 659 * i) / 16000)),
    ),
  ),
  16000,
);

let database: Database;
let tenantId: string;
let otherTenantId: string;
let greetingId: string;
let storedId: string;

beforeAll(async () => {
  if (spawnSync('espeak-ng', ['--version']).status !== 0)
    throw new Error('espeak-ng is required for these tests (Debian/Ubuntu: apt-get install espeak-ng)');
  database = await openDatabase({ dataDir: 'memory://' });
  const { db } = database;
  tenantId = (await createTenant(db, { slug: 'contoso', name: 'Contoso' })).id;
  otherTenantId = (await createTenant(db, { slug: 'fabrikam', name: 'Fabrikam' })).id;
  const common = { language: 'en-US', contentType: 'audio/wav' };
  greetingId = (
    await createPrompt(db, tenantId, { ...common, name: 'Greeting', bytes: new Uint8Array(greetingWav) })
  ).id;
  storedId = (
    await createPrompt(db, tenantId, {
      ...common,
      name: 'Long hold',
      storageKey: 'prompts/long-hold.wav',
      sizeBytes: 9_000_000,
    })
  ).id;
});

afterAll(async () => {
  await database?.close();
});

let folder: string;
let logged: { level: number; [field: string]: unknown }[];
let prompts: SipPrompts;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'parley-sip-prompts-'));
  logged = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => logged.push(JSON.parse(line)) });
  prompts = new SipPrompts({
    cache: new PromptCache(folder),
    db: database.db,
    defaultLanguage: 'en-US',
    logger,
  });
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const say = (text: string): Prompt => ({ kind: 'tts', text });

describe('SIP prompts', () => {
  it('a version goes live → every fixed prompt is ready in both codecs before the first call, from the tenant’s library', async () => {
    const greeting: Prompt = { kind: 'audio', promptId: greetingId };
    await prompts.warm(contactCenterWith(greeting, greeting), tenantId);
    expect(logged.filter((l) => l.level >= 40)).toEqual([]);

    // Eight text prompts and one uploaded greeting (used twice), each as μ-law and A-law.
    const files = await readdir(folder);
    expect(files).toHaveLength(18);
    const menu = { text: 'Sorry, that is not an option.', language: 'en-US' };
    expect(files).toContain(`${promptKey({ ...menu, codec: 'PCMU' })}.ulaw`);
    expect(files).toContain(`${promptKey({ ...menu, codec: 'PCMA' })}.alaw`);
    expect(files).toContain(`${uploadedPromptKey({ wav: greetingWav, codec: 'PCMA' })}.alaw`);

    // The caller's call plays what was rendered: the same bytes, real speech.
    const spoken = await prompts.render(say('Sorry, that is not an option.'), 'PCMA', tenantId);
    expect(Buffer.from(spoken)).toEqual(
      await readFile(join(folder, `${promptKey({ ...menu, codec: 'PCMA' })}.alaw`)),
    );
    expect(spoken.length / 8000).toBeGreaterThan(0.8);
    expect(Math.max(...decodeG711(spoken, 'PCMA').map(Math.abs))).toBeGreaterThan(3000);

    const chime = await prompts.render(greeting, 'PCMU', tenantId);
    expect(chime).toHaveLength(12000); // 1.5 s at 8 kHz
    expect(readdirSync(folder)).toHaveLength(18); // nothing new rendered for the call
  });

  it('a text prompt the version never rendered (it names the caller) is rendered when the call reaches it', async () => {
    const payload = await prompts.render(say('Hello Jo, thanks for waiting.'), 'PCMU', tenantId);
    expect(payload.length).toBeGreaterThan(8000);
    expect(await readdir(folder)).toHaveLength(2); // the A-law twin comes with it
  });

  it('prompts that cannot play are named: kept in object storage, or another tenant’s — warm logs them and goes on', async () => {
    await expect(prompts.render({ kind: 'audio', promptId: storedId }, 'PCMU', tenantId)).rejects.toThrow(
      `audio prompt ${storedId} cannot be played: its audio is kept in object storage (prompts/long-hold.wav), which prompts cannot be read from yet`,
    );
    // Tenant scoping: Fabrikam's flow cannot play Contoso's greeting by knowing its id.
    const theirs = prompts.render({ kind: 'audio', promptId: greetingId }, 'PCMU', otherTenantId);
    await expect(theirs).rejects.toThrow(PromptRenderError);
    await expect(theirs).rejects.toThrow(
      `audio prompt ${greetingId} cannot be played: prompt ${greetingId} not found`,
    );

    await prompts.warm(
      contactCenterWith({ kind: 'audio', promptId: storedId }, say('Please hold.')),
      tenantId,
    );
    const warnings = logged.filter((l) => l.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      tenantId,
      prompt: { kind: 'audio', promptId: storedId },
      err: { type: 'PromptRenderError', message: expect.stringContaining(`audio prompt ${storedId}`) },
    });
    // Everything else is ready: eight text prompts and the hold announcement, in both codecs.
    expect(await readdir(folder)).toHaveLength(18);
  });

  it('a queue without a hold prompt plays the music-on-hold loop in the call’s codec', () => {
    expect(prompts.musicOnHold('PCMA')).toBe(musicOnHold('PCMA'));
    expect(prompts.musicOnHold('PCMU')).toHaveLength(24 * 8000);
  });
});
