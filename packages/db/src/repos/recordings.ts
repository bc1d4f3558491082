import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../client';
import { NotFoundError } from '../errors';
import { checkId, isId, parseInput } from '../input';
import { PG, sqlState } from '../pg-errors';
import { callRecordings, calls, RECORDING_ENDS, type RecordingEndedBy } from '../schema';

/** A recording's metadata with the call it was made in; the audio comes from getCallRecording. */
export interface CallRecording {
  id: string;
  callId: string;
  nodeId: string | null;
  contentType: string;
  durationMs: number;
  endedBy: RecordingEndedBy;
  createdAt: Date;
  /** Who called, and the number or account they called, as the call has them. */
  caller: string;
  called: string;
  flowId: string;
}

// Ten minutes (a voicemail node's longest message) of 16-bit 16 kHz WAV is 19.2 MB.
const MAX_RECORDING_BYTES = 32 * 1024 * 1024;

const recordingInput = z.object({
  callId: z.string(),
  nodeId: z.string().min(1).max(100).nullable(),
  contentType: z.string().regex(/^audio\/[\w.+-]+$/, 'use an audio content type like audio/wav'),
  bytes: z
    .instanceof(Uint8Array, { message: 'the audio is a Uint8Array' })
    .refine(
      (b) => b.byteLength <= MAX_RECORDING_BYTES,
      `a recording is at most ${MAX_RECORDING_BYTES} bytes`,
    ),
  durationMs: z.number().int().nonnegative(),
  endedBy: z.enum(RECORDING_ENDS, `use one of ${RECORDING_ENDS.join(', ')}`),
});

const listFilter = z.object({
  callId: z.string().optional(),
  limit: z.number().int().min(1).max(1000).default(100),
});

const metadata = {
  id: callRecordings.id,
  callId: callRecordings.callId,
  nodeId: callRecordings.nodeId,
  contentType: callRecordings.contentType,
  durationMs: callRecordings.durationMs,
  endedBy: callRecordings.endedBy,
  createdAt: callRecordings.createdAt,
  caller: calls.caller,
  called: calls.called,
  flowId: calls.flowId,
};

/** Stores what a caller recorded during a call; NotFoundError when the call is not the tenant's. */
export async function storeCallRecording(
  db: Db,
  tenantId: string,
  input: {
    callId: string;
    nodeId: string | null;
    contentType: string;
    bytes: Uint8Array;
    durationMs: number;
    endedBy: string;
  },
): Promise<{ id: string }> {
  checkId('tenant', tenantId);
  const { callId, ...values } = parseInput(recordingInput, input);
  checkId('call', callId);
  try {
    const [stored] = await db
      .insert(callRecordings)
      .values({ tenantId, callId, ...values })
      .returning({ id: callRecordings.id });
    return stored!;
  } catch (error) {
    // The foreign key is on (tenant_id, call_id): another tenant's call is as missing as no call.
    if (sqlState(error) === PG.foreignKeyViolation) throw new NotFoundError('call', callId);
    throw error;
  }
}

/** The tenant's recordings, newest first, with their calls' numbers and flow; without the audio. */
export async function listCallRecordings(
  db: Db,
  tenantId: string,
  filter: { callId?: string; limit?: number } = {},
): Promise<CallRecording[]> {
  checkId('tenant', tenantId);
  const { callId, limit } = parseInput(listFilter, filter);
  if (callId !== undefined) checkId('call', callId);
  return db
    .select(metadata)
    .from(callRecordings)
    .innerJoin(calls, and(eq(calls.tenantId, callRecordings.tenantId), eq(calls.id, callRecordings.callId)))
    .where(
      and(
        eq(callRecordings.tenantId, tenantId),
        callId === undefined ? undefined : eq(callRecordings.callId, callId),
      ),
    )
    .orderBy(desc(callRecordings.createdAt), desc(callRecordings.id))
    .limit(limit);
}

/** One recording with its audio; null when the tenant has no such recording. */
export async function getCallRecording(
  db: Db,
  tenantId: string,
  recordingId: string,
): Promise<(CallRecording & { bytes: Uint8Array }) | null> {
  checkId('tenant', tenantId);
  if (!isId(recordingId)) return null;
  const [row] = await db
    .select({ ...metadata, bytes: callRecordings.bytes })
    .from(callRecordings)
    .innerJoin(calls, and(eq(calls.tenantId, callRecordings.tenantId), eq(calls.id, callRecordings.callId)))
    .where(and(eq(callRecordings.tenantId, tenantId), eq(callRecordings.id, recordingId)));
  return row ?? null;
}
