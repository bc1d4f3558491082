import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Prompt } from '@parley/flow-schema';
import { renderSpeech, type TtsRequest } from './tts';

/** Where Graph fetches a prompt from: a `mediaInfo` (uri + resourceId, its cache key at Graph). */
export interface MediaRef {
  uri: string;
  resourceId: string;
}

export interface PromptStoreOptions {
  /** Folder of rendered speech, `<sha256>.wav`; created when missing. */
  dir: string;
  /** Public origin Graph can reach, without a trailing slash. */
  publicBaseUrl: string;
  /** Language of prompts that name none. */
  defaultLanguage?: string;
  render?: (request: TtsRequest) => Promise<Buffer>;
}

const HASHED = /^\/prompts\/([0-9a-f]{64})\.wav$/;

/**
 * Prompts as URLs Graph can play. Speech is rendered once per (text, language, voice), cached on disk by the
 * sha256 of the three, and served at `/prompts/<hash>.wav`. Uploaded audio prompts live at
 * `/prompts/uploaded/<promptId>.wav`, which the runtime serves from its prompt library (not this store).
 */
export class PromptStore {
  private readonly rendering = new Map<string, Promise<void>>();
  private readonly render: (request: TtsRequest) => Promise<Buffer>;
  private readonly defaultLanguage: string;

  constructor(private readonly opts: PromptStoreOptions) {
    this.render = opts.render ?? ((request) => renderSpeech(request));
    this.defaultLanguage = opts.defaultLanguage ?? 'en-US';
  }

  /** The path of a prompt below the public base URL, e.g. `/prompts/<hash>.wav`; renders speech first. */
  async pathFor(prompt: Prompt): Promise<string> {
    if (prompt.kind === 'audio') return `/prompts/uploaded/${encodeURIComponent(prompt.promptId)}.wav`;
    const request = {
      text: prompt.text,
      language: prompt.language ?? this.defaultLanguage,
      voice: prompt.voice,
    };
    const hash = createHash('sha256')
      .update(JSON.stringify([request.text, request.language, request.voice ?? '']))
      .digest('hex');
    await this.ensureRendered(hash, request);
    return `/prompts/${hash}.wav`;
  }

  /** The mediaInfo of a prompt, rendering speech when it is not cached yet. */
  async mediaFor(prompt: Prompt): Promise<MediaRef> {
    return this.mediaAt(await this.pathFor(prompt));
  }

  /** The mediaInfo of a path from `pathFor`. The resourceId is derived from the path, so it is stable. */
  mediaAt(path: string): MediaRef {
    const hex = createHash('sha256').update(path).digest('hex');
    const resourceId = [
      hex.slice(0, 8),
      hex.slice(8, 12),
      hex.slice(12, 16),
      hex.slice(16, 20),
      hex.slice(20, 32),
    ]
      .join('-')
      .toUpperCase();
    return { uri: `${this.opts.publicBaseUrl}${path}`, resourceId };
  }

  /** `GET /prompts/<hash>.wav`: serves rendered speech; 404 for anything else. */
  readonly handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://runtime').pathname;
    const hash = HASHED.exec(path)?.[1];
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !hash) return notFound(res, path);
    const file = join(this.opts.dir, `${hash}.wav`);
    const info = await stat(file).catch(() => null);
    if (!info) return notFound(res, path);
    res.writeHead(200, {
      'content-type': 'audio/wav',
      'content-length': info.size,
      // The name is the hash of what was said: the content never changes.
      'cache-control': 'public, max-age=31536000, immutable',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    await new Promise<void>((resolve, reject) => {
      createReadStream(file).on('error', reject).on('end', resolve).pipe(res);
    });
  };

  private ensureRendered(hash: string, request: TtsRequest): Promise<void> {
    let pending = this.rendering.get(hash);
    if (!pending) {
      pending = this.renderToFile(hash, request).finally(() => this.rendering.delete(hash));
      this.rendering.set(hash, pending);
    }
    return pending;
  }

  private async renderToFile(hash: string, request: TtsRequest): Promise<void> {
    const file = join(this.opts.dir, `${hash}.wav`);
    if (await stat(file).catch(() => null)) return;
    await mkdir(this.opts.dir, { recursive: true });
    const wav = await this.render(request);
    // Written aside and renamed, so a concurrent GET never serves half a file.
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, wav);
    await rename(partial, file);
  }
}

function notFound(res: ServerResponse, path: string): void {
  const body = JSON.stringify({ error: 'not-found', message: `no prompt at ${path}` });
  res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
  res.end(body);
}
