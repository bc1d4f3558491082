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
  uuid,
} from 'drizzle-orm/pg-core';
import { flows, flowVersions } from './flows';

/**
 * One call through one flow version. `lastSeq` is the counter call_events take their seq from, so
 * events get gap-free numbers without reading max(seq). `checkpoint` is the engine's persisted snapshot.
 */
export const calls = pgTable(
  'calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').notNull(),
    flowId: uuid('flow_id').notNull(),
    version: integer('version').notNull(),
    /** How the call arrived, like pstn, teams or sim. */
    channel: text('channel').notNull(),
    caller: text('caller').notNull(),
    called: text('called').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    outcome: text('outcome'),
    checkpoint: jsonb('checkpoint').$type<unknown>(),
    lastSeq: integer('last_seq').notNull().default(0),
  },
  (t) => [
    unique('calls_tenant_id_unique').on(t.tenantId, t.id),
    index('calls_tenant_started_idx').on(t.tenantId, t.startedAt),
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
