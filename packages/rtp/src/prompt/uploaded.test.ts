import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PromptRenderError, WavFormatError } from '../errors';
import { decodeG711 } from '../g711/codec';
import { writeWav } from '../wav/write';
import { PromptCache, uploadedPromptKey } from './cache';
import type { Synthesizer } from './espeak';
import { PromptRenderer, type UploadedAudio } from './renderer';

/** A recording as an admin might upload it: 44.1 kHz 16-bit stereo, 2 s of a 440 Hz tone in both channels. */
function studioWav(seconds = 2): Buffer {
  const rate = 44100;
  const frames = rate * seconds;
  const out = Buffer.alloc(44 + frames * 4);
  out.write('RIFF', 0, 'latin1');
  out.writeUInt32LE(36 + frames * 4, 4);
  out.write('WAVEfmt ', 8, 'latin1');
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20);
  out.writeUInt16LE(2, 22);
  out.writeUInt32LE(rate, 24);
  out.writeUInt32LE(rate * 4, 28);
  out.writeUInt16LE(4, 32);
  out.writeUInt16LE(16, 34);
  out.write('data', 36, 'latin1');
  out.writeUInt32LE(frames * 4, 40);
  for (let i = 0; i < frames; i++) {
    const sample = Math.round(10000 * Math.sin((2 * Math.PI * 440 * i) / rate));
    out.writeInt16LE(sample, 44 + i * 4);
    out.writeInt16LE(sample, 46 + i * 4);
  }
  return out;
}

/** What a TTS engine hands back: 1 s at 22050 Hz. */
const speech: Synthesizer = async () =>
  writeWav(
    Int16Array.from({ length: 22050 }, (_, i) =>
      Math.round(6000 * Math.sin((2 * Math.PI * 300 * i) / 22050)),
    ),
    22050,
  );

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

async function cacheWith(synthesize: Synthesizer = speech) {
  const folder = await mkdtemp(join(tmpdir(), 'parley-uploaded-'));
  folders.push(folder);
  return new PromptCache(folder, { synthesize });
}

describe('uploaded prompts, converted once', () => {
  it('an admin uploads a 44.1 kHz stereo greeting → 8 kHz G.711 on disk, keyed by its bytes, read back after', async () => {
    const cache = await cacheWith();
    const wav = studioWav();
    const first = await cache.getUploaded({ wav, codec: 'PCMU' });
    expect(first).toMatchObject({ rendered: true, key: uploadedPromptKey({ wav, codec: 'PCMU' }) });
    expect(first.payload).toHaveLength(16000);
    expect(first.file).toBe(join(cache.folder, `${first.key}.ulaw`));
    expect(await readFile(first.file)).toEqual(first.payload);
    const level = Math.max(...decodeG711(first.payload.subarray(4000, 8000), 'PCMU'));
    expect(level).toBeGreaterThan(9000);
    expect(level).toBeLessThan(11000);

    // The same recording uploaded again (another name, another tenant): no second conversion.
    const again = await cache.getUploaded({ wav: Uint8Array.from(wav), codec: 'PCMU' });
    expect(again.rendered).toBe(false);
    expect(again.payload.equals(first.payload)).toBe(true);

    const alaw = await cache.getUploaded({ wav, codec: 'PCMA' });
    expect(alaw.file.endsWith('.alaw')).toBe(true);
    expect((await readdir(cache.folder)).sort()).toEqual([`${alaw.key}.alaw`, `${first.key}.ulaw`].sort());
  });

  it('keys by content and codec: one changed byte is another prompt', () => {
    const wav = studioWav(1);
    const edited = Uint8Array.from(wav);
    edited[100] = (edited[100] as number) ^ 1;
    const keys = new Set([
      uploadedPromptKey({ wav, codec: 'PCMU' }),
      uploadedPromptKey({ wav, codec: 'PCMA' }),
      uploadedPromptKey({ wav: edited, codec: 'PCMU' }),
    ]);
    expect(keys.size).toBe(3);
  });

  it('says what is wrong with a file that is not a usable WAV, and stores nothing', async () => {
    const cache = await cacheWith();
    await expect(cache.getUploaded({ wav: Buffer.from('ID3\u0004 an mp3'), codec: 'PCMU' })).rejects.toThrow(
      new WavFormatError('not-riff-wave', 'not a RIFF/WAVE file'),
    );
    const float = studioWav(1);
    float.writeUInt16LE(3, 20); // IEEE float
    await expect(cache.getUploaded({ wav: float, codec: 'PCMU' })).rejects.toThrow(
      /format tag 3 is not integer PCM/,
    );
    const empty = writeWav(new Int16Array(0), 8000);
    await expect(cache.getUploaded({ wav: empty, codec: 'PCMA' })).rejects.toThrow(
      new PromptRenderError('the WAV file holds no audio samples'),
    );
    expect(await readdir(cache.folder).catch(() => [])).toEqual([]);
  });
});

describe('rendering a version’s prompts', () => {
  function library(files: Record<string, UploadedAudio>) {
    const reads: string[] = [];
    const loadAudio = async (promptId: string) => {
      reads.push(promptId);
      const audio = files[promptId];
      if (!audio) throw new Error(`there is no prompt ${promptId}`);
      return audio;
    };
    return { reads, loadAudio };
  }

  it('renders text and uploaded prompts in both codecs; the library is read once per prompt, TTS runs once per text', async () => {
    const spoken: string[] = [];
    const cache = await cacheWith(async (request) => {
      spoken.push(`${request.language}:${request.text}`);
      return speech(request);
    });
    const { reads, loadAudio } = library({ greeting: { contentType: 'audio/wav', bytes: studioWav(1) } });
    const renderer = new PromptRenderer({ cache, defaultLanguage: 'en-GB', loadAudio });
    const failures = await renderer.renderAll([
      { kind: 'tts', text: 'Thank you for calling.' },
      { kind: 'tts', text: 'Merci.', language: 'fr-FR' },
      { kind: 'audio', promptId: 'greeting' },
    ]);
    expect(failures).toEqual([]);
    expect(spoken.sort()).toEqual(['en-GB:Thank you for calling.', 'fr-FR:Merci.']);
    expect(await readdir(cache.folder)).toHaveLength(6);

    // A call later plays them from memory and disk: no new reads, no new synthesis.
    expect(await renderer.render({ kind: 'audio', promptId: 'greeting' }, 'PCMA')).toHaveLength(8000);
    expect(await renderer.render({ kind: 'tts', text: 'Thank you for calling.' }, 'PCMU')).toHaveLength(8000);
    expect(reads).toEqual(['greeting']);
    expect(spoken).toHaveLength(2);
  });

  it('one bad prompt does not stop the others; each failure names its prompt and what to fix', async () => {
    const cache = await cacheWith(async (request) => {
      if (request.text.startsWith('Broken')) throw new PromptRenderError('espeak-ng exited with status 1');
      return speech(request);
    });
    const { loadAudio } = library({
      mp3: { contentType: 'audio/mpeg', bytes: Buffer.from('ID3\u0004 not a wav') },
      remote: { contentType: 'audio/wav', storageKey: 's3://prompts/remote.wav' },
      good: { contentType: 'audio/wav', bytes: studioWav(1) },
    });
    const renderer = new PromptRenderer({ cache, defaultLanguage: 'en-US', loadAudio });
    const failures = await renderer.renderAll([
      { kind: 'audio', promptId: 'mp3' },
      { kind: 'tts', text: 'Welcome.' },
      { kind: 'audio', promptId: 'remote' },
      { kind: 'tts', text: 'Broken synthesizer for this one' },
      { kind: 'audio', promptId: 'gone' },
      { kind: 'audio', promptId: 'good' },
    ]);
    expect(failures.map((f) => f.error.message)).toEqual([
      'audio prompt mp3 cannot be played: not a RIFF/WAVE file (uploaded as audio/mpeg)',
      'audio prompt remote cannot be played: its audio is kept in object storage (s3://prompts/remote.wav), which prompts cannot be read from yet',
      'text prompt "Broken synthesizer for this one" cannot be played: espeak-ng exited with status 1',
      'audio prompt gone cannot be played: there is no prompt gone',
    ]);
    expect(failures.every((f) => f.error instanceof PromptRenderError)).toBe(true);
    expect(failures[0]?.error.cause).toBeInstanceOf(WavFormatError);
    // The good ones are ready: two codecs each.
    expect(await readdir(cache.folder)).toHaveLength(4);
    await expect(renderer.render({ kind: 'audio', promptId: 'mp3' }, 'PCMU')).rejects.toThrow(
      /audio prompt mp3 cannot be played/,
    );
  });
});
