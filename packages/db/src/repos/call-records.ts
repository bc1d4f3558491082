import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../client';
import { NotFoundError } from '../errors';
import { isId, parseInput } from '../input';
import { queryRows } from '../raw';
import { callEvents } from '../schema';

/** One call record as the call engine numbers it (its CallRecord): seq counts from 1 per call. */
export interface StoredRecord {
  tenantId: string;
  callId: string;
  flowId: string;
  version: number;
  seq: number;
  /** ISO 8601. */
  at: string;
  type: string;
  nodeId: string | null;
  data: Record<string, unknown>;
}

/**
 * What the runtime's event sink hands over: records, and after each step the engine's checkpoint of
 * the call, kept as JSON; only its `seq` (the last record it covers) is read here.
 */
export type StoredItem =
  | { kind: 'record'; record: StoredRecord }
  | { kind: 'checkpoint'; tenantId: string; callId: string; checkpoint: { seq: number } };

const id = (what: string) => z.string().refine(isId, `a ${what} id is a uuid`);
// Lenient beyond the shape: these records come from the engine, and one refused here would make the
// sink retry its batch forever.
const itemInput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('record'),
    record: z.object({
      tenantId: id('tenant'),
      callId: id('call'),
      seq: z.number().int().positive(),
      at: z.iso.datetime({ offset: true }),
      type: z.string().min(1),
      nodeId: z.string().nullable(),
      data: z.record(z.string(), z.unknown()),
    }),
  }),
  z.object({
    kind: z.literal('checkpoint'),
    tenantId: id('tenant'),
    callId: id('call'),
    checkpoint: z.looseObject({ seq: z.number().int().nonnegative() }),
  }),
]);

/** What a batch changes on one call row. */
interface CallChange {
  tenant_id: string;
  call_id: string;
  max_seq: number;
  checkpoint: unknown;
  checkpoint_seq: number | null;
  ended_at: string | null;
  outcome: string | null;
  ended_by: string | null;
}

// A checkpoint replaces the stored one unless that was taken later (a late retry of an old batch).
const newerCheckpoint = sql.raw(
  'v.checkpoint_seq is not null and (c.checkpoint_seq is null or v.checkpoint_seq >= c.checkpoint_seq)',
);
// A call ends once: a retried or repeated call.ended changes nothing.
const firstEnd = sql.raw('c.ended_at is null and v.ended_at is not null');

// Keeps each insert well under PostgreSQL's 65,535 parameters (7 per record).
const ROWS_PER_INSERT = 1000;

/**
 * Stores a batch of the event sink in one transaction: the records under their own seq, each call's
 * last checkpoint of the batch (unless the stored one is newer), and what a `call.ended` record says
 * (ended_at, outcome, ended_by; the first end wins). Idempotent, since the sink retries a failed batch
 * whole: records already stored are skipped and counters only move forward. A record or checkpoint for
 * a call that does not exist in its tenant is NotFoundError naming the call, and nothing is stored.
 */
export async function storeCallItems(db: Db, items: readonly StoredItem[]): Promise<void> {
  const parsed = items.map((item) => parseInput(itemInput, item));
  if (parsed.length === 0) return;

  const changes = new Map<string, CallChange>();
  const change = (tenantId: string, callId: string): CallChange => {
    const key = `${tenantId}/${callId}`;
    let c = changes.get(key);
    if (!c) {
      c = {
        tenant_id: tenantId,
        call_id: callId,
        max_seq: 0,
        checkpoint: null,
        checkpoint_seq: null,
        ended_at: null,
        outcome: null,
        ended_by: null,
      };
      changes.set(key, c);
    }
    return c;
  };
  const records: (typeof callEvents.$inferInsert)[] = [];
  for (const item of parsed) {
    if (item.kind === 'checkpoint') {
      // The last one in the batch wins; the database then keeps it only if it is not older.
      const c = change(item.tenantId, item.callId);
      c.checkpoint = item.checkpoint;
      c.checkpoint_seq = item.checkpoint.seq;
      continue;
    }
    const r = item.record;
    const c = change(r.tenantId, r.callId);
    c.max_seq = Math.max(c.max_seq, r.seq);
    if (r.type === 'call.ended' && c.ended_at === null) {
      const by = text(r.data.by);
      c.ended_at = r.at;
      c.ended_by = by;
      // The final state the machine reached (like $callerHungUp), else why the line dropped, else who ended it.
      c.outcome = text(r.data.state) ?? text(r.data.reason) ?? by;
    }
    records.push({
      tenantId: r.tenantId,
      callId: r.callId,
      seq: r.seq,
      type: r.type,
      nodeId: r.nodeId,
      data: r.data,
      at: new Date(r.at),
    });
  }

  await db.transaction(async (tx) => {
    // First, because it locks the calls' rows and tells which calls exist in their tenant.
    const updated = await queryRows<{ tenant_id: string; id: string }>(
      tx,
      sql`
        update calls as c set
          last_seq = greatest(c.last_seq, v.max_seq),
          checkpoint = case when ${newerCheckpoint} then v.checkpoint else c.checkpoint end,
          checkpoint_seq = case when ${newerCheckpoint} then v.checkpoint_seq else c.checkpoint_seq end,
          ended_at = coalesce(c.ended_at, v.ended_at),
          outcome = case when ${firstEnd} then v.outcome else c.outcome end,
          ended_by = case when ${firstEnd} then v.ended_by else c.ended_by end
        from jsonb_to_recordset(${JSON.stringify([...changes.values()])}::jsonb) as v(
          tenant_id uuid, call_id uuid, max_seq integer, checkpoint jsonb, checkpoint_seq integer,
          ended_at timestamptz, outcome text, ended_by text
        )
        where c.tenant_id = v.tenant_id and c.id = v.call_id
        returning c.tenant_id, c.id`,
    );
    if (updated.length < changes.size) {
      const found = new Set(updated.map((u) => `${u.tenant_id}/${u.id}`));
      const missing = [...changes.values()].find((c) => !found.has(`${c.tenant_id}/${c.call_id}`))!;
      throw new NotFoundError('call', missing.call_id);
    }
    for (let i = 0; i < records.length; i += ROWS_PER_INSERT) {
      await tx
        .insert(callEvents)
        .values(records.slice(i, i + ROWS_PER_INSERT))
        .onConflictDoNothing({ target: [callEvents.callId, callEvents.seq] });
    }
  });
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
