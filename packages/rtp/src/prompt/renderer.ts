import { PromptRenderError, WavFormatError } from '../errors';
import type { G711 } from '../g711/codec';
import { g711Codecs, type PromptCache } from './cache';

/**
 * A prompt as a flow names it: text to speak, or an uploaded recording by id. The same shape as
 * `@parley/flow-schema`'s `Prompt`, written out so this package stays free of flow concepts.
 */
export type PromptSource =
  | { kind: 'tts'; text: string; language?: string | undefined; voice?: string | undefined }
  | { kind: 'audio'; promptId: string };

/** An uploaded prompt as its library keeps it: the bytes, or the object-storage key that holds them. */
export type UploadedAudio = { contentType?: string } & ({ bytes: Uint8Array } | { storageKey: string });

export interface PromptRendererOptions {
  cache: PromptCache;
  /** Language of text prompts that name none. */
  defaultLanguage: string;
  /** Reads an uploaded prompt from the prompt library it belongs to. */
  loadAudio: (promptId: string) => Promise<UploadedAudio>;
}

/** A prompt that could not be rendered; the error's message names the prompt and the reason. */
export interface PromptFailure {
  prompt: PromptSource;
  error: PromptRenderError;
}

/** How a prompt is named in messages: `text prompt "Press 1…"` or `audio prompt <id>`. */
export function describePrompt(prompt: PromptSource): string {
  if (prompt.kind === 'audio') return `audio prompt ${prompt.promptId}`;
  const text = prompt.text.length > 60 ? `${prompt.text.slice(0, 57)}…` : prompt.text;
  return `text prompt "${text}"`;
}

/**
 * A flow's prompts as G.711, through a `PromptCache`: text rendered by TTS, uploaded WAV files read from
 * their library once and converted once (both codecs together; the bytes are kept in memory after).
 * One renderer serves one prompt library, i.e. one tenant.
 */
export class PromptRenderer {
  private readonly uploaded = new Map<string, Promise<Record<G711, Buffer>>>();

  constructor(private readonly opts: PromptRendererOptions) {}

  /** The prompt's G.711 bytes; a PromptRenderError naming the prompt when it cannot be rendered. */
  async render(prompt: PromptSource, codec: G711): Promise<Buffer> {
    try {
      if (prompt.kind === 'audio') return (await this.uploadedPrompt(prompt.promptId))[codec];
      const rendered = await this.opts.cache.get({
        text: prompt.text,
        language: prompt.language ?? this.opts.defaultLanguage,
        ...(prompt.voice ? { voice: prompt.voice } : {}),
        codec,
      });
      return rendered.payload;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new PromptRenderError(`${describePrompt(prompt)} cannot be played: ${reason}`, { cause: error });
    }
  }

  /**
   * Renders prompts ahead of calls in each codec, a few at a time. Never throws: the prompts that could
   * not be rendered are returned, in the order given.
   */
  async renderAll(
    prompts: readonly PromptSource[],
    codecs: readonly G711[] = g711Codecs,
  ): Promise<PromptFailure[]> {
    const failures: (PromptFailure | undefined)[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < prompts.length) {
        const index = next++;
        const prompt = prompts[index] as PromptSource;
        // Settled, not all: a failure must not return while the other codec is still writing its file.
        const results = await Promise.allSettled(codecs.map((codec) => this.render(prompt, codec)));
        const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        if (failed) failures[index] = { prompt, error: failed.reason as PromptRenderError };
      }
    };
    await Promise.all(Array.from({ length: Math.min(renderConcurrency, prompts.length) }, worker));
    return failures.filter((f) => f !== undefined);
  }

  private uploadedPrompt(promptId: string): Promise<Record<G711, Buffer>> {
    let job = this.uploaded.get(promptId);
    if (!job) {
      job = this.convert(promptId);
      // A failed read (the database was away, say) is tried again by the next call.
      job.catch(() => this.uploaded.delete(promptId));
      this.uploaded.set(promptId, job);
    }
    return job;
  }

  private async convert(promptId: string): Promise<Record<G711, Buffer>> {
    const audio = await this.opts.loadAudio(promptId);
    if (!('bytes' in audio)) {
      throw new PromptRenderError(
        `its audio is kept in object storage (${audio.storageKey}), which prompts cannot be read from yet`,
      );
    }
    const { bytes, contentType } = audio;
    const [ulaw, alaw] = await Promise.allSettled([
      this.opts.cache.getUploaded({ wav: bytes, codec: 'PCMU' }),
      this.opts.cache.getUploaded({ wav: bytes, codec: 'PCMA' }),
    ]);
    if (ulaw.status === 'fulfilled' && alaw.status === 'fulfilled')
      return { PCMU: ulaw.value.payload, PCMA: alaw.value.payload };
    const error: unknown = ulaw.status === 'rejected' ? ulaw.reason : (alaw as PromiseRejectedResult).reason;
    // An MP3 uploaded as a prompt fails as "not a RIFF/WAVE file": say what it was uploaded as.
    if (error instanceof WavFormatError && contentType)
      throw new WavFormatError(error.reason, `${error.message} (uploaded as ${contentType})`);
    throw error;
  }
}

/** Prompts rendered at once: espeak-ng runs as a process per text. */
const renderConcurrency = 4;
