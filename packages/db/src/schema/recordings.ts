import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './bytea';
import { calls } from './calls';

/** Why a recording stopped: the caller's end key, silence, its maximum length, or the caller hanging up. */
export const RECORDING_ENDS = ['key', 'silence', 'max-length', 'hangup'] as const;
export type RecordingEndedBy = (typeof RECORDING_ENDS)[number];

/** What a caller recorded during a call (a voicemail message), as the audio file itself. */
export const callRecordings = pgTable(
  'call_recordings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').notNull(),
    callId: uuid('call_id').notNull(),
    /** The flow node that recorded it. */
    nodeId: text('node_id'),
    contentType: text('content_type').notNull(),
    bytes: bytea('bytes').notNull(),
    durationMs: integer('duration_ms').notNull(),
    endedBy: text('ended_by').$type<RecordingEndedBy>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('call_recordings_tenant_created_idx').on(t.tenantId, t.createdAt),
    index('call_recordings_call_idx').on(t.tenantId, t.callId),
    foreignKey({
      name: 'call_recordings_call_fk',
      columns: [t.tenantId, t.callId],
      foreignColumns: [calls.tenantId, calls.id],
    }),
    check(
      'call_recordings_ended_by',
      sql`${t.endedBy} in (${sql.raw(RECORDING_ENDS.map((e) => `'${e}'`).join(', '))})`,
    ),
    check('call_recordings_duration', sql`${t.durationMs} >= 0`),
  ],
);
