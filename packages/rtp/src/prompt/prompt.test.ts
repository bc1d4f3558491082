import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PromptRenderError } from '../errors';
import { decodeG711 } from '../g711/codec';
import { writeWav } from '../wav/write';
import { PromptCache, promptKey } from './cache';
import { espeakSynthesizer, type Synthesizer } from './espeak';
import { renderPromptG711 } from './render';

/** What espeak-ng would hand back: 22050 Hz 16-bit mono, here a 1.5 s 500 Hz tone. */
const espeakLikeWav = () =>
  writeWav(
    Int16Array.from({ length: 33075 }, (_, i) =>
      Math.round(8000 * Math.sin((2 * Math.PI * 500 * i) / 22050)),
    ),
    22050,
  );

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

async function cacheWith(synthesize: Synthesizer) {
  const folder = await mkdtemp(join(tmpdir(), 'parley-prompts-'));
  folders.push(folder);
  return new PromptCache(folder, { synthesize });
}

describe('rendering prompts at publish time', () => {
  it('turns a 1.5 s 22050 Hz WAV into 12000 G.711 bytes (1.5 s at 8 kHz)', () => {
    const payload = renderPromptG711(espeakLikeWav(), 'PCMA');
    expect(payload).toHaveLength(12000);
    const peak = Math.max(...decodeG711(payload.subarray(1000, 2000), 'PCMA'));
    expect(peak).toBeGreaterThan(7000);
    expect(peak).toBeLessThan(9000);
  });

  it('publishes a flow twice → the prompt is synthesized once and read from disk after', async () => {
    const requests: string[] = [];
    const cache = await cacheWith(async (request) => {
      requests.push(request.text);
      return espeakLikeWav();
    });
    const prompt = { text: 'Thank you for calling.', language: 'en-US', codec: 'PCMU' } as const;
    const [first, concurrent] = await Promise.all([cache.get(prompt), cache.get(prompt)]);
    const again = await cache.get(prompt);
    expect(requests).toEqual(['Thank you for calling.']);
    expect(first).toMatchObject({ rendered: true, key: promptKey(prompt) });
    expect(concurrent).toBe(first);
    expect(again.rendered).toBe(false);
    expect(again.payload.equals(first.payload)).toBe(true);
    expect(first.file).toBe(join(cache.folder, `${promptKey(prompt)}.ulaw`));
    expect(await readFile(first.file)).toHaveLength(12000);
    // The A-law file comes with it, for a trunk that negotiates PCMA: still one synthesis.
    expect((await readdir(cache.folder)).sort()).toEqual(
      [`${promptKey(prompt)}.ulaw`, `${promptKey({ ...prompt, codec: 'PCMA' })}.alaw`].sort(),
    );
    expect((await cache.get({ ...prompt, codec: 'PCMA' })).rendered).toBe(false);
    expect(requests).toHaveLength(1);
  });

  it('keys prompts by text, language, voice and codec', () => {
    const base = { text: 'Press 1 for sales.', language: 'en-US', codec: 'PCMU' } as const;
    const keys = new Set([
      promptKey(base),
      promptKey({ ...base, text: 'Press 2 for sales.' }),
      promptKey({ ...base, language: 'en-GB' }),
      promptKey({ ...base, voice: 'en-us+f3' }),
      promptKey({ ...base, codec: 'PCMA' }),
    ]);
    expect(keys.size).toBe(5);
    expect(promptKey(base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports a missing synthesizer as a PromptRenderError', async () => {
    const cache = await cacheWith(espeakSynthesizer('/nonexistent/espeak-ng'));
    await expect(cache.get({ text: 'Hello', language: 'en-US', codec: 'PCMA' })).rejects.toThrow(
      PromptRenderError,
    );
  });
});
