import { appendFile, mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CallCheckpoint, CallRecord, RecordSink } from '@parley/call-engine';

/**
 * What the sink carries, in order: the records of a call and, after each step, the checkpoint to
 * resume it from. A store writes a batch's records and each call's last checkpoint in one
 * transaction, so a resumed call's checkpoint and its records always agree.
 */
export type SinkItem =
  | { kind: 'record'; record: CallRecord }
  | { kind: 'checkpoint'; tenantId: string; callId: string; checkpoint: CallCheckpoint };

/** Where batches are stored for good: the database, in the runtime. */
export type StoreItems = (batch: readonly SinkItem[]) => Promise<void>;

export interface EventSinkOptions {
  store: StoreItems;
  /** Records held in memory while the store is failing; past it, records go to the spool file. */
  maxBuffered?: number;
  /** Records per store call. */
  batchSize?: number;
  /** How long a record may wait for more to share its batch. */
  lingerMs?: number;
  /** The longest pause between retries of a failing store. */
  maxBackoffMs?: number;
  /** Folder of the spool file, which holds records past the memory bound until the store takes them. */
  spoolDir: string;
  onError?: (error: Error, pending: number) => void;
}

export interface SinkStats {
  /** Items not yet stored: in memory and in the spool. */
  backlog: number;
  spooled: number;
  stored: number;
  failures: number;
}

const SPOOL = 'call-events.spool.ndjson';

/**
 * Batches call records into the store. While the store fails (the database is briefly away), records
 * wait in order and the batch is retried with backoff; nothing is dropped. Memory is bounded: past
 * `maxBuffered` records, new ones are appended to a spool file on local disk and read back once the
 * store has caught up. A store must treat a record it already holds (same call id and seq) as done,
 * since a batch that failed half-way is sent again.
 */
export class EventSink implements RecordSink {
  private readonly buffer: SinkItem[] = [];
  private written = 0;
  private readonly waiters: { upTo: number; resolve: () => void }[] = [];
  private readonly opts: Required<Omit<EventSinkOptions, 'onError'>> & Pick<EventSinkOptions, 'onError'>;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private backoffMs = 0;
  private spoolWrites: Promise<void> = Promise.resolve();
  private readonly stats: SinkStats = { backlog: 0, spooled: 0, stored: 0, failures: 0 };
  private closed = false;
  /** Items appended to the spool file since the sink started: durable, though not yet stored. */
  private durableSpooled = 0;

  constructor(options: EventSinkOptions) {
    this.opts = { maxBuffered: 50_000, batchSize: 500, lingerMs: 50, maxBackoffMs: 5_000, ...options };
  }

  /** Reads back records a previous process left in the spool (call once at start). */
  async recover(): Promise<number> {
    const records = await this.readSpool();
    if (records.length > 0) {
      this.written += records.length;
      this.durableSpooled += records.length;
      this.stats.spooled += records.length;
      this.stats.backlog += records.length;
      this.schedule(0);
    }
    return records.length;
  }

  /** Takes one call record (the engine's record sink). */
  write(record: CallRecord): void {
    this.push({ kind: 'record', record });
  }

  /** Takes a call's checkpoint, stored with the records before it. */
  checkpoint(tenantId: string, callId: string, checkpoint: CallCheckpoint): void {
    this.push({ kind: 'checkpoint', tenantId, callId, checkpoint });
  }

  /** Resolves once everything taken so far is stored (or spooled to disk). */
  settled(): Promise<void> {
    const upTo = this.written;
    if (this.stats.stored + this.durableSpooled >= upTo) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ upTo, resolve }));
  }

  private push(record: SinkItem): void {
    if (this.closed) throw new Error('the event sink is closed');
    this.written += 1;
    this.stats.backlog += 1;
    if (this.buffer.length >= this.opts.maxBuffered || this.stats.spooled > 0) {
      // Past the bound, or once anything is spooled: to disk, so order is kept (memory first, then spool).
      this.stats.spooled += 1;
      const line = `${JSON.stringify(record)}\n`;
      void this.withSpool(async () => {
        await this.appendSpool(line);
        this.durableSpooled += 1;
        this.wake();
      });
    } else {
      this.buffer.push(record);
    }
    this.schedule(this.buffer.length >= this.opts.batchSize ? 0 : this.opts.lingerMs);
  }

  /** How many records wait, how many went to disk, how many are stored. */
  get snapshot(): SinkStats {
    return { ...this.stats };
  }

  /** Stores everything written so far; rejects if the store still fails after `timeoutMs`. */
  async flush(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.stats.backlog > 0) {
      if (Date.now() > deadline)
        throw new Error(`${this.stats.backlog} call records and checkpoints could not be stored`);
      this.backoffMs = 0;
      await this.drain();
      if (this.stats.backlog > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /**
   * Flushes and stops taking records (runtime shutdown). Records the store would not take stay in the
   * spool file, which the next process recovers.
   */
  async close(timeoutMs = 10_000): Promise<void> {
    this.closed = true;
    try {
      await this.flush(timeoutMs);
    } finally {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      await this.running?.catch(() => {});
      if (this.buffer.length > 0) {
        const memory = this.buffer.splice(0);
        await this.withSpool(async () => {
          const spooled = await this.readSpool();
          await this.rewriteSpool([...memory, ...spooled].map((r) => `${JSON.stringify(r)}\n`).join(''));
        });
      }
    }
  }

  private schedule(delayMs: number): void {
    if (this.timer || this.running) return;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        void this.drain();
      },
      Math.max(delayMs, this.backoffMs),
    );
  }

  private drain(): Promise<void> {
    this.running ??= this.storeAll().finally(() => {
      this.running = null;
      if (this.stats.backlog > 0 && !this.closed) this.schedule(this.opts.lingerMs);
    });
    return this.running;
  }

  private async storeAll(): Promise<void> {
    try {
      while (this.buffer.length > 0) {
        const batch = this.buffer.slice(0, this.opts.batchSize);
        await this.opts.store(batch);
        this.buffer.splice(0, batch.length);
        this.stats.backlog -= batch.length;
        this.stats.stored += batch.length;
        this.wake();
      }
      if (this.stats.spooled > 0) await this.withSpool(() => this.unspool());
      this.backoffMs = 0;
    } catch (error) {
      this.stats.failures += 1;
      this.backoffMs = Math.min(this.opts.maxBackoffMs, Math.max(100, this.backoffMs * 2));
      this.opts.onError?.(error as Error, this.stats.backlog);
    }
  }

  private wake(): void {
    const done = this.stats.stored + this.durableSpooled;
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const waiter = this.waiters[i]!;
      if (waiter.upTo <= done) {
        this.waiters.splice(i, 1);
        waiter.resolve();
      }
    }
  }

  /** Runs spool file operations one at a time, in the order they were asked for. */
  private withSpool(operation: () => Promise<void>): Promise<void> {
    const next = this.spoolWrites.then(operation);
    this.spoolWrites = next.catch((error: Error) => this.opts.onError?.(error, this.stats.backlog));
    return next;
  }

  /** Moves the spool into memory up to the bound; what does not fit stays on disk, in order. */
  private async unspool(): Promise<void> {
    const records = await this.readSpool();
    const room = this.opts.maxBuffered - this.buffer.length;
    const taken = records.slice(0, room);
    await this.rewriteSpool(
      records
        .slice(room)
        .map((r) => `${JSON.stringify(r)}\n`)
        .join(''),
    );
    this.buffer.push(...taken);
    this.stats.spooled -= taken.length;
    // Back in memory only: durable again once stored.
    this.durableSpooled -= taken.length;
  }

  private spoolPath(): string {
    return join(this.opts.spoolDir, SPOOL);
  }

  private async appendSpool(line: string): Promise<void> {
    await mkdir(this.opts.spoolDir, { recursive: true });
    await appendFile(this.spoolPath(), line);
  }

  private async readSpool(): Promise<SinkItem[]> {
    try {
      const text = await readFile(this.spoolPath(), 'utf8');
      return text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as SinkItem);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  /** Replaces the spool atomically (write, then rename), so a crash leaves the old or the new one. */
  private async rewriteSpool(content: string): Promise<void> {
    if (content === '') {
      await rm(this.spoolPath(), { force: true });
      return;
    }
    await mkdir(this.opts.spoolDir, { recursive: true });
    const tmp = `${this.spoolPath()}.tmp`;
    await appendFile(tmp, content, { flag: 'w' });
    await rename(tmp, this.spoolPath());
  }
}
