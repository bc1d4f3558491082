import { sql } from 'drizzle-orm';
import {
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { flows, flowVersions } from './flows';

/**
 * One call through one flow version. `lastSeq` is the counter call_events take their seq from, so
 * events get gap-free numbers without reading max(seq). `checkpoint` is the engine's persisted snapshot,
 * taken at `checkpointSeq`, so an older one arriving late never replaces a newer one.
 */
export const calls = pgTable(
  'calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').notNull(),
    flowId: uuid('flow_id').notNull(),
    version: integer('version').notNull(),
    /** How the call arrived, like sip, graph or sim. */
    channel: text('channel').notNull(),
    /** The telephony's own id of the call (Graph call id, SIP Call-ID), unique per channel. */
    externalId: text('external_id'),
    caller: text('caller').notNull(),
    called: text('called').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    outcome: text('outcome'),
    /**
     * caller, flow, handoff or error: the call engine's EndedBy. No check constraint on purpose: a value
     * a newer engine adds must not make the event sink's batches fail for good.
     */
    endedBy: text('ended_by'),
    checkpoint: jsonb('checkpoint').$type<unknown>(),
    /** The record seq the stored checkpoint was taken at. */
    checkpointSeq: integer('checkpoint_seq'),
    lastSeq: integer('last_seq').notNull().default(0),
  },
  (t) => [
    unique('calls_tenant_id_unique').on(t.tenantId, t.id),
    index('calls_tenant_started_idx').on(t.tenantId, t.startedAt),
    // How a restarted runtime finds the call a telephony event is about.
    uniqueIndex('calls_channel_external_id_unique')
      .on(t.channel, t.externalId)
      .where(sql`${t.externalId} is not null`),
    foreignKey({
      name: 'calls_flow_fk',
      columns: [t.tenantId, t.flowId],
      foreignColumns: [flows.tenantId, flows.id],
    }),
    // A call always runs a version that exists.
    foreignKey({
      name: 'calls_version_fk',
      columns: [t.flowId, t.version],
      foreignColumns: [flowVersions.flowId, flowVersions.number],
    }),
  ],
);

/** What happened during a call, in order: seq runs 1, 2, 3… without gaps. */
export const callEvents = pgTable(
  'call_events',
  {
    tenantId: uuid('tenant_id').notNull(),
    callId: uuid('call_id').notNull(),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    nodeId: text('node_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'call_events_call_seq_pk', columns: [t.callId, t.seq] }),
    foreignKey({
      name: 'call_events_call_fk',
      columns: [t.tenantId, t.callId],
      foreignColumns: [calls.tenantId, calls.id],
    }),
  ],
);
