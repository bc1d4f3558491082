import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallRecord } from '@parley/call-engine';
import { describe, expect, it } from 'vitest';
import { EventSink, type SinkItem } from './sink';

const record = (callId: string, seq: number): CallRecord => ({
  tenantId: 't1',
  callId,
  flowId: 'f1',
  version: 1,
  seq,
  at: new Date(1_700_000_000_000 + seq).toISOString(),
  type: 'node.entered',
  nodeId: `n${seq}`,
  data: {},
});

/** A database stand-in that can be switched off, keyed like call_events: (call id, seq) is unique. */
function flakyStore() {
  const rows = new Map<string, CallRecord>();
  const state = { up: true, calls: 0, failAfter: Number.POSITIVE_INFINITY };
  const checkpoints = new Map<string, number>();
  const store = async (batch: readonly SinkItem[]) => {
    state.calls += 1;
    if (!state.up) throw new Error('connection refused');
    for (const [i, item] of batch.entries()) {
      if (i >= state.failAfter) throw new Error('connection reset mid-batch');
      if (item.kind === 'checkpoint') checkpoints.set(item.callId, item.checkpoint.seq);
      else rows.set(`${item.record.callId}:${item.record.seq}`, item.record); // ON CONFLICT DO NOTHING in the real store
    }
  };
  const ordered = () => [...rows.values()].map((r) => `${r.callId}:${r.seq}`);
  return { store, rows, state, ordered, checkpoints };
}

const spoolDir = () => mkdtempSync(join(tmpdir(), 'parley-spool-'));

describe('event sink', () => {
  it('stores every record, in order, in batches', async () => {
    const db = flakyStore();
    const sink = new EventSink({ store: db.store, batchSize: 10, spoolDir: spoolDir() });
    for (let seq = 1; seq <= 35; seq++) sink.write(record('c1', seq));
    await sink.flush();
    expect(db.ordered()).toEqual(Array.from({ length: 35 }, (_, i) => `c1:${i + 1}`));
    expect(db.state.calls).toBe(4);
    expect(sink.snapshot).toMatchObject({ backlog: 0, stored: 35 });
  });

  it('the database goes away for a while: records wait and are all stored when it is back', async () => {
    const db = flakyStore();
    const errors: string[] = [];
    const sink = new EventSink({
      store: db.store,
      lingerMs: 1,
      maxBackoffMs: 20,
      spoolDir: spoolDir(),
      onError: (e) => errors.push(e.message),
    });
    db.state.up = false;
    for (let seq = 1; seq <= 20; seq++) sink.write(record('c1', seq));
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(errors.length).toBeGreaterThan(1); // retried, with backoff
    expect(sink.snapshot.backlog).toBe(20);
    db.state.up = true;
    await sink.flush();
    expect(db.ordered()).toEqual(Array.from({ length: 20 }, (_, i) => `c1:${i + 1}`));
  });

  it('a batch that fails half-way is sent again whole, and the store keeps one row per record', async () => {
    const db = flakyStore();
    const sink = new EventSink({
      store: db.store,
      batchSize: 10,
      lingerMs: 1,
      maxBackoffMs: 5,
      spoolDir: spoolDir(),
    });
    db.state.failAfter = 4;
    for (let seq = 1; seq <= 10; seq++) sink.write(record('c1', seq));
    await new Promise((resolve) => setTimeout(resolve, 30));
    db.state.failAfter = Number.POSITIVE_INFINITY;
    await sink.flush();
    expect(db.ordered()).toEqual(Array.from({ length: 10 }, (_, i) => `c1:${i + 1}`));
  });

  it('past the memory bound records go to the spool file on disk, and come back in order', async () => {
    const db = flakyStore();
    const dir = spoolDir();
    const sink = new EventSink({
      store: db.store,
      maxBuffered: 5,
      batchSize: 3,
      lingerMs: 1,
      maxBackoffMs: 10,
      spoolDir: dir,
    });
    db.state.up = false;
    for (let seq = 1; seq <= 12; seq++) sink.write(record('c1', seq));
    expect(sink.snapshot).toMatchObject({ backlog: 12, spooled: 7 });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(existsSync(join(dir, 'call-events.spool.ndjson'))).toBe(true);
    db.state.up = true;
    for (let seq = 13; seq <= 14; seq++) sink.write(record('c1', seq)); // still behind the spool: order kept
    await sink.flush();
    expect(db.ordered()).toEqual(Array.from({ length: 14 }, (_, i) => `c1:${i + 1}`));
    expect(sink.snapshot).toMatchObject({ backlog: 0, spooled: 0 });
    expect(existsSync(join(dir, 'call-events.spool.ndjson'))).toBe(false);
  });

  it('shutting down while the database is away keeps the records on disk for the next process', async () => {
    const db = flakyStore();
    const dir = spoolDir();
    db.state.up = false;
    const first = new EventSink({ store: db.store, maxBuffered: 4, lingerMs: 1, spoolDir: dir });
    for (let seq = 1; seq <= 9; seq++) first.write(record('c1', seq));
    await expect(first.close(100)).rejects.toThrow('9 call records and checkpoints could not be stored');
    expect(() => first.write(record('c1', 10))).toThrow('closed');

    db.state.up = true;
    const second = new EventSink({ store: db.store, spoolDir: dir });
    expect(await second.recover()).toBe(9);
    await second.flush();
    expect(db.ordered()).toEqual(Array.from({ length: 9 }, (_, i) => `c1:${i + 1}`));
  });
});

describe('event sink: durability for acknowledgements', () => {
  it('settled() resolves only once what was written before it is stored, checkpoints included', async () => {
    const db = flakyStore();
    const sink = new EventSink({ store: db.store, lingerMs: 1, maxBackoffMs: 10, spoolDir: spoolDir() });
    db.state.up = false;
    sink.write(record('c1', 1));
    sink.checkpoint('t1', 'c1', { actor: {}, seq: 1, nodeId: 'n1', timers: [], done: false });
    let settled = false;
    const waiting = sink.settled().then(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(settled).toBe(false);
    db.state.up = true;
    await waiting;
    expect(db.ordered()).toEqual(['c1:1']);
    expect(db.checkpoints.get('c1')).toBe(1);
  });

  it('a record waiting in memory is not durable: settled() waits until it is stored', async () => {
    const db = flakyStore();
    const sink = new EventSink({
      store: db.store,
      maxBuffered: 1,
      lingerMs: 1,
      maxBackoffMs: 10,
      spoolDir: spoolDir(),
    });
    db.state.up = false;
    sink.write(record('c1', 1));
    sink.write(record('c1', 2));
    await expect(
      Promise.race([
        sink.settled(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('not settled')), 100)),
      ]),
    ).rejects.toThrow('not settled');
    db.state.up = true;
    await sink.settled();
    await sink.flush();
    expect(db.ordered()).toEqual(['c1:1', 'c1:2']);
  });
});
