import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PromptRenderError } from '../errors';
import { encodeG711, type G711, g711Extension } from '../g711/codec';
import { espeakSynthesizer, type SpeechRequest, type Synthesizer } from './espeak';
import { wavToTelephonyPcm } from './render';

/** A text prompt to have ready in one codec. */
export interface PromptRequest extends SpeechRequest {
  codec: G711;
}

/** An uploaded WAV prompt to have ready in one codec. */
export interface UploadedPromptRequest {
  wav: Uint8Array;
  codec: G711;
}

/** A rendered prompt: where its file is and the G.711 bytes to play. */
export interface RenderedPrompt {
  key: string;
  file: string;
  payload: Buffer;
  /** Whether this call rendered it (false: it was already on disk). */
  rendered: boolean;
}

/** The cache key of a prompt: sha256 over text, language, voice and codec. */
export function promptKey(request: PromptRequest): string {
  const fields = [request.text, request.language, request.voice ?? '', request.codec];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/**
 * The cache key of an uploaded prompt: sha256 over the sha256 of its bytes and the codec, so the same
 * recording uploaded twice (or to two tenants) is converted once.
 */
export function uploadedPromptKey(request: UploadedPromptRequest): string {
  return uploadedKey(createHash('sha256').update(request.wav).digest('hex'), request.codec);
}

function uploadedKey(contentHash: string, codec: G711): string {
  return createHash('sha256')
    .update(JSON.stringify(['wav', contentHash, codec]))
    .digest('hex');
}

/** Both G.711 codecs: prompts are rendered in each, whichever a trunk negotiates. */
export const g711Codecs: readonly G711[] = ['PCMU', 'PCMA'];

/**
 * Prompts rendered once to `<folder>/<sha256>.ulaw|.alaw`, so publishing a flow pays for TTS and WAV
 * conversion and a call only reads bytes. A prompt is rendered in both codecs at once (the synthesis and
 * resampling are the costly part, encoding is a table lookup), and concurrent requests share that work.
 */
export class PromptCache {
  /** Renderings in progress, by the key of their μ-law file. */
  private readonly pending = new Map<string, Promise<Record<G711, RenderedPrompt>>>();
  private readonly synthesize: Synthesizer;

  constructor(
    readonly folder: string,
    options: { synthesize?: Synthesizer } = {},
  ) {
    this.synthesize = options.synthesize ?? espeakSynthesizer();
  }

  /** The path a prompt is (or will be) stored at. */
  fileFor(request: PromptRequest): string {
    return this.fileOf(promptKey(request), request.codec);
  }

  /** Returns the prompt's G.711 bytes, synthesizing and storing them first if they are not on disk. */
  get(request: PromptRequest): Promise<RenderedPrompt> {
    return this.ready(
      request.codec,
      (codec) => promptKey({ ...request, codec }),
      async () => wavToTelephonyPcm(await this.synthesize(request)),
    );
  }

  /**
   * Returns an uploaded WAV prompt's G.711 bytes, converting and storing them first if they are not on
   * disk. WavFormatError when the file cannot be read; PromptRenderError when it holds no audio.
   */
  getUploaded(request: UploadedPromptRequest): Promise<RenderedPrompt> {
    const content = createHash('sha256').update(request.wav).digest('hex');
    return this.ready(
      request.codec,
      (codec) => uploadedKey(content, codec),
      async () => {
        const pcm = wavToTelephonyPcm(request.wav);
        if (pcm.length === 0) throw new PromptRenderError('the WAV file holds no audio samples');
        return pcm;
      },
    );
  }

  private fileOf(key: string, codec: G711): string {
    return join(this.folder, `${key}.${g711Extension(codec)}`);
  }

  private async ready(
    codec: G711,
    keyOf: (codec: G711) => string,
    render: () => Promise<Int16Array>,
  ): Promise<RenderedPrompt> {
    const job = keyOf('PCMU');
    const inFlight = this.pending.get(job);
    if (inFlight) return (await inFlight)[codec];
    const key = keyOf(codec);
    const file = this.fileOf(key, codec);
    const existing = await readFile(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (existing) return { key, file, payload: existing, rendered: false };
    let rendering = this.pending.get(job);
    if (!rendering) {
      rendering = this.store(keyOf, render).finally(() => this.pending.delete(job));
      this.pending.set(job, rendering);
    }
    return (await rendering)[codec];
  }

  private async store(
    keyOf: (codec: G711) => string,
    render: () => Promise<Int16Array>,
  ): Promise<Record<G711, RenderedPrompt>> {
    const pcm = await render();
    await mkdir(this.folder, { recursive: true });
    const stored = await Promise.all(
      g711Codecs.map(async (codec): Promise<RenderedPrompt> => {
        const key = keyOf(codec);
        const file = this.fileOf(key, codec);
        const payload = encodeG711(pcm, codec);
        // Write then rename, so another process never reads half a prompt.
        const partial = `${file}.${process.pid}.partial`;
        await writeFile(partial, payload);
        await rename(partial, file);
        return { key, file, payload, rendered: true };
      }),
    );
    return { PCMU: stored[0] as RenderedPrompt, PCMA: stored[1] as RenderedPrompt };
  }
}
