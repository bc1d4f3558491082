import type { CompiledFlow } from '@parley/flow-schema';
import { foreignKey, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { tenants, users } from './tenants';

/**
 * A call flow being designed. `revision` counts draft saves so two editors cannot overwrite each other;
 * `liveVersion` is the published version calls run (a foreign key to flow_versions, added in SQL).
 */
export const flows = pgTable(
  'flows',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    draft: jsonb('draft').$type<unknown>().notNull(),
    revision: integer('revision').notNull().default(1),
    liveVersion: integer('live_version'),
    /** Who saved the draft last. */
    updatedBy: uuid('updated_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Deleted by an admin after it was published: hidden, while its versions stay for the calls that ran them. */
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  // (tenant_id, id) is unique so tenant-owned children can point at a flow of their own tenant only.
  (t) => [
    unique('flows_tenant_name_unique').on(t.tenantId, t.name),
    unique('flows_tenant_id_unique').on(t.tenantId, t.id),
  ],
);

/** A published flow: the document and what it compiled to. Immutable, enforced by a trigger. */
export const flowVersions = pgTable(
  'flow_versions',
  {
    tenantId: uuid('tenant_id').notNull(),
    flowId: uuid('flow_id').notNull(),
    number: integer('number').notNull(),
    document: jsonb('document').$type<unknown>().notNull(),
    compiled: jsonb('compiled').$type<CompiledFlow>().notNull(),
    hash: text('hash').notNull(),
    compilerVersion: integer('compiler_version').notNull(),
    /** The draft revision this version was published from. */
    draftRevision: integer('draft_revision').notNull(),
    publishedBy: uuid('published_by')
      .notNull()
      .references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
    note: text('note').notNull().default(''),
  },
  (t) => [
    unique('flow_versions_flow_number_unique').on(t.flowId, t.number),
    foreignKey({
      name: 'flow_versions_flow_fk',
      columns: [t.tenantId, t.flowId],
      foreignColumns: [flows.tenantId, flows.id],
    }),
  ],
);
