import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './tenants';

/**
 * An SBC (session border controller) that sends the tenant's calls over SIP (Direct Routing). An INVITE
 * finds its tenant by the trunk's FQDN, unique across all tenants because one SBC serves several
 * customers by subdomain (customer1.sbc.contoso.com), else by the source address it came from.
 */
export const sipTrunks = pgTable(
  'sip_trunks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    /** Lower-case, without a trailing dot. */
    fqdn: text('fqdn'),
    /** The SBC's source IP addresses, IPv6 in its compressed lower-case form. */
    addresses: text('addresses').array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('sip_trunks_tenant_name_unique').on(t.tenantId, t.name),
    unique('sip_trunks_fqdn_unique').on(t.fqdn),
    // The INVITE's lookup by source address.
    index('sip_trunks_addresses_idx').using('gin', t.addresses),
    check('sip_trunks_fqdn_lower_case', sql`${t.fqdn} = lower(${t.fqdn})`),
    check('sip_trunks_fqdn_or_address', sql`${t.fqdn} is not null or cardinality(${t.addresses}) > 0`),
  ],
);
