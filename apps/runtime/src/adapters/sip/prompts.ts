import { type Db, getPromptAudio } from '@parley/db';
import { type CompiledFlow, fixedPrompts, type Prompt } from '@parley/flow-schema';
import { type G711, g711Codecs, musicOnHold, type PromptCache, PromptRenderer } from '@parley/rtp';
import type { Logger } from 'pino';

export interface SipPromptsOptions {
  /** The prompt cache folder the web app renders into when a version is published. */
  cache: PromptCache;
  db: Db;
  /** Language of text prompts that name none; the web app's publish step must use the same. */
  defaultLanguage: string;
  logger: Logger;
}

/**
 * What SIP callers hear, as 8 kHz G.711: text prompts from the prompt cache (rendered at publish time,
 * here only when missing), uploaded prompts read from their tenant's library once and converted once,
 * and music on hold.
 */
export class SipPrompts {
  /** One renderer per tenant: uploaded prompt ids belong to a tenant's library. */
  private readonly libraries = new Map<string, PromptRenderer>();

  constructor(private readonly opts: SipPromptsOptions) {}

  /** G.711 bytes of a prompt; a PromptRenderError naming the prompt when it cannot be played. */
  render(prompt: Prompt, codec: G711, tenantId: string): Promise<Uint8Array> {
    return this.library(tenantId).render(prompt, codec);
  }

  /** Renders every fixed prompt of a version ahead of its calls (both codecs); failures are logged, not thrown. */
  async warm(compiled: CompiledFlow, tenantId: string): Promise<void> {
    const prompts = fixedPrompts(compiled);
    const failures = await this.library(tenantId).renderAll(prompts);
    for (const { prompt, error } of failures) {
      this.opts.logger.warn(
        { tenantId, flowHash: compiled.hash, prompt, err: error },
        'a prompt could not be rendered ahead of calls; calls that reach it will try again',
      );
    }
    // Synthesized once per process: the first queued caller should not wait for it.
    for (const codec of g711Codecs) musicOnHold(codec);
  }

  /** The music-on-hold loop, for a queue without a hold prompt. */
  musicOnHold(codec: G711): Uint8Array {
    return musicOnHold(codec);
  }

  private library(tenantId: string): PromptRenderer {
    let library = this.libraries.get(tenantId);
    if (!library) {
      library = new PromptRenderer({
        cache: this.opts.cache,
        defaultLanguage: this.opts.defaultLanguage,
        loadAudio: (promptId) => getPromptAudio(this.opts.db, tenantId, promptId),
      });
      this.libraries.set(tenantId, library);
    }
    return library;
  }
}
