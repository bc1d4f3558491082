import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './bytea';
import { tenants } from './tenants';

/**
 * Recorded audio a flow can play. Small files live in `bytes`; larger ones in object storage under
 * `storageKey`. A check constraint keeps exactly one of the two.
 */
export const prompts = pgTable(
  'prompts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    /** BCP 47 tag, like en-GB. */
    language: text('language').notNull(),
    contentType: text('content_type').notNull(),
    bytes: bytea('bytes'),
    storageKey: text('storage_key'),
    sizeBytes: integer('size_bytes').notNull(),
    durationMs: integer('duration_ms'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('prompts_tenant_name_language_unique').on(t.tenantId, t.name, t.language),
    check('prompts_one_source', sql`(${t.bytes} is null) <> (${t.storageKey} is null)`),
  ],
);
