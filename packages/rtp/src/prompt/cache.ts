import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type G711, g711Extension } from '../g711/codec.js';
import { espeakSynthesizer, type SpeechRequest, type Synthesizer } from './espeak.js';
import { renderPromptG711 } from './render.js';

/** A text prompt to have ready in one codec. */
export interface PromptRequest extends SpeechRequest {
  codec: G711;
}

/** A rendered prompt: where its file is and the G.711 bytes to play. */
export interface RenderedPrompt {
  key: string;
  file: string;
  payload: Buffer;
  /** Whether this call synthesized it (false: it was already on disk). */
  rendered: boolean;
}

/** The cache key of a prompt: sha256 over text, language, voice and codec. */
export function promptKey(request: PromptRequest): string {
  const fields = [request.text, request.language, request.voice ?? '', request.codec];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/**
 * Text prompts rendered once to `<folder>/<sha256>.ulaw|.alaw`, so publishing a flow pays for TTS and a call
 * only reads bytes. Concurrent requests for one prompt share a single synthesis.
 */
export class PromptCache {
  private readonly pending = new Map<string, Promise<RenderedPrompt>>();
  private readonly synthesize: Synthesizer;

  constructor(
    readonly folder: string,
    options: { synthesize?: Synthesizer } = {},
  ) {
    this.synthesize = options.synthesize ?? espeakSynthesizer();
  }

  /** The path a prompt is (or will be) stored at. */
  fileFor(request: PromptRequest): string {
    return join(this.folder, `${promptKey(request)}.${g711Extension(request.codec)}`);
  }

  /** Returns the prompt's G.711 bytes, synthesizing and storing them first if they are not on disk. */
  get(request: PromptRequest): Promise<RenderedPrompt> {
    const key = promptKey(request);
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const job = this.load(key, request).finally(() => this.pending.delete(key));
    this.pending.set(key, job);
    return job;
  }

  private async load(key: string, request: PromptRequest): Promise<RenderedPrompt> {
    const file = this.fileFor(request);
    const existing = await readFile(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (existing) return { key, file, payload: existing, rendered: false };
    const payload = renderPromptG711(await this.synthesize(request), request.codec);
    await mkdir(this.folder, { recursive: true });
    // Write then rename, so another process never reads half a prompt.
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, payload);
    await rename(partial, file);
    return { key, file, payload, rendered: true };
  }
}
