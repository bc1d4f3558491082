import type { CompiledFlow } from '@parley/flow-schema';
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../client';
import { ConflictError, NotFoundError } from '../errors';
import { checkId, checkIds, isId, parseInput } from '../input';
import { isUniqueViolation } from '../pg-errors';
import { callEvents, calls, flowVersions } from '../schema';

export type Call = typeof calls.$inferSelect;
export type CallEvent = typeof callEvents.$inferSelect;

/** A call found by its telephony id, with the machine of the version it runs. */
export interface CallToResume {
  call: Call;
  version: { number: number; compiled: CompiledFlow };
}

const callInput = z.object({
  /** The call engine's call id, chosen by the runtime; generated when absent. */
  id: z.string().refine(isId, 'a call id is a uuid').optional(),
  /** The telephony's own id of the call (Graph call id, SIP Call-ID). */
  externalId: z.string().min(1).max(500).optional(),
  flowId: z.string(),
  version: z.number().int().positive(),
  channel: z.string().min(1).max(50),
  caller: z.string().max(320),
  called: z.string().max(320),
  startedAt: z.date().optional(),
});

const eventInput = z.object({
  type: z.string().min(1).max(100),
  nodeId: z.string().max(100).nullish(),
  data: z.record(z.string(), z.unknown()).default({}),
  at: z.date().optional(),
});
export type CallEventInput = z.input<typeof eventInput>;

/**
 * Records a call starting on a published version of a flow (NotFoundError when there is no such
 * version); ConflictError when the id, or the external id on that channel, names a call already.
 */
export async function startCall(db: Db, tenantId: string, input: z.input<typeof callInput>): Promise<Call> {
  const { flowId, version, ...values } = parseInput(callInput, input);
  checkIds(tenantId, 'flow', flowId);
  const [exists] = await db
    .select({ number: flowVersions.number })
    .from(flowVersions)
    .where(
      and(
        eq(flowVersions.tenantId, tenantId),
        eq(flowVersions.flowId, flowId),
        eq(flowVersions.number, version),
      ),
    );
  if (!exists) throw new NotFoundError('flow version', `${flowId}@${version}`);
  try {
    const [call] = await db
      .insert(calls)
      .values({ tenantId, flowId, version, ...values })
      .returning();
    return call!;
  } catch (error) {
    if (isUniqueViolation(error, 'calls_channel_external_id_unique')) {
      throw new ConflictError(`a ${values.channel} call with external id ${values.externalId} exists`);
    }
    if (isUniqueViolation(error)) throw new ConflictError(`call ${values.id} exists`);
    throw error;
  }
}

/**
 * The call a telephony id names, with its checkpoint and the compiled machine of its version; null
 * when there is none. NOT tenant-scoped, on purpose: a runtime that restarted mid-call gets only the
 * channel's id with the next event (a Graph notification, a SIP request), and this is how it learns
 * the call's tenant again. Only telephony code should call it.
 */
export async function findCallByExternalId(
  db: Db,
  channel: string,
  externalId: string,
): Promise<CallToResume | null> {
  const [row] = await db
    .select({ call: calls, number: flowVersions.number, compiled: flowVersions.compiled })
    .from(calls)
    .innerJoin(
      flowVersions,
      and(eq(flowVersions.flowId, calls.flowId), eq(flowVersions.number, calls.version)),
    )
    .where(and(eq(calls.channel, channel), eq(calls.externalId, externalId)));
  return row ? { call: row.call, version: { number: row.number, compiled: row.compiled } } : null;
}

/**
 * Appends events to a call, numbering them after the last. The counter lives on the call row and is
 * bumped in the same transaction as the insert, so seqs are gap-free and concurrent appends queue up.
 */
export async function appendCallEvents(
  db: Db,
  tenantId: string,
  callId: string,
  events: CallEventInput[],
): Promise<CallEvent[]> {
  checkIds(tenantId, 'call', callId);
  const parsed = events.map((e) => parseInput(eventInput, e));
  if (parsed.length === 0) return [];
  return db.transaction(async (tx) => {
    const [counter] = await tx
      .update(calls)
      .set({ lastSeq: sql`${calls.lastSeq} + ${parsed.length}` })
      .where(and(eq(calls.tenantId, tenantId), eq(calls.id, callId)))
      .returning({ lastSeq: calls.lastSeq });
    if (!counter) throw new NotFoundError('call', callId);
    const first = counter.lastSeq - parsed.length + 1;
    return tx
      .insert(callEvents)
      .values(
        parsed.map((e, i) => ({
          tenantId,
          callId,
          seq: first + i,
          type: e.type,
          nodeId: e.nodeId ?? null,
          data: e.data,
          ...(e.at && { at: e.at }),
        })),
      )
      .returning();
  });
}

/** Marks a call ended with its outcome; ConflictError when it has ended already. */
export async function endCall(
  db: Db,
  tenantId: string,
  callId: string,
  input: { outcome: string; endedAt?: Date },
): Promise<Call> {
  checkIds(tenantId, 'call', callId);
  const { outcome, endedAt } = parseInput(
    z.object({ outcome: z.string().min(1).max(200), endedAt: z.date().optional() }),
    input,
  );
  const [ended] = await db
    .update(calls)
    .set({ outcome, endedAt: endedAt ?? sql`now()` })
    .where(and(eq(calls.tenantId, tenantId), eq(calls.id, callId), isNull(calls.endedAt)))
    .returning();
  if (ended) return ended;
  await getCall(db, tenantId, callId); // NotFoundError when it is not this tenant's call
  throw new ConflictError(`call ${callId} has ended already`);
}

/** Stores the engine's persisted snapshot, so a restarted runtime can resume the call. */
export async function saveCheckpoint(
  db: Db,
  tenantId: string,
  callId: string,
  checkpoint: unknown,
): Promise<void> {
  checkIds(tenantId, 'call', callId);
  const saved = await db
    .update(calls)
    .set({ checkpoint })
    .where(and(eq(calls.tenantId, tenantId), eq(calls.id, callId)))
    .returning({ id: calls.id });
  if (saved.length === 0) throw new NotFoundError('call', callId);
}

/** One call. */
export async function getCall(db: Db, tenantId: string, callId: string): Promise<Call> {
  checkIds(tenantId, 'call', callId);
  const [call] = await db
    .select()
    .from(calls)
    .where(and(eq(calls.tenantId, tenantId), eq(calls.id, callId)));
  if (!call) throw new NotFoundError('call', callId);
  return call;
}

/** The tenant's calls, newest first. */
export async function listCalls(
  db: Db,
  tenantId: string,
  opts: { flowId?: string; limit?: number } = {},
): Promise<Call[]> {
  checkId('tenant', tenantId);
  if (opts.flowId) checkId('flow', opts.flowId);
  return db
    .select()
    .from(calls)
    .where(and(eq(calls.tenantId, tenantId), opts.flowId ? eq(calls.flowId, opts.flowId) : undefined))
    .orderBy(desc(calls.startedAt))
    .limit(opts.limit ?? 100);
}

/** A call's events in order. */
export async function listCallEvents(db: Db, tenantId: string, callId: string): Promise<CallEvent[]> {
  checkIds(tenantId, 'call', callId);
  return db
    .select()
    .from(callEvents)
    .where(and(eq(callEvents.tenantId, tenantId), eq(callEvents.callId, callId)))
    .orderBy(asc(callEvents.seq));
}
