import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { decodeG711, PromptCache } from '../src/index';
import { hasEspeak, skipWithout } from './tools';

it.skipIf(skipWithout(hasEspeak))(
  'publishes an en-US text prompt with espeak-ng → an A-law file of speech',
  async () => {
    const folder = await mkdtemp(join(tmpdir(), 'parley-prompts-'));
    try {
      const cache = new PromptCache(folder);
      const prompt = await cache.get({ text: 'Our office is closed.', language: 'en-US', codec: 'PCMA' });
      expect(prompt.file.endsWith('.alaw')).toBe(true);
      const seconds = prompt.payload.length / 8000;
      expect(seconds).toBeGreaterThan(0.8);
      expect(seconds).toBeLessThan(4);
      const loudest = Math.max(...decodeG711(prompt.payload, 'PCMA').map(Math.abs));
      expect(loudest).toBeGreaterThan(3000); // speech, not silence
      expect(
        (await cache.get({ text: 'Our office is closed.', language: 'en-US', codec: 'PCMA' })).rendered,
      ).toBe(false);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  },
);
