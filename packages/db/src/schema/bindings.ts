import { bigint, foreignKey, pgEnum, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { flows } from './flows';
import { tenants } from './tenants';

export const BINDING_KINDS = ['e164', 'resourceAccount'] as const;
export type BindingKind = (typeof BINDING_KINDS)[number];
export const bindingKindEnum = pgEnum('binding_kind', BINDING_KINDS);

/**
 * Routes an address (a phone number or a Teams resource account) to a flow. The address is unique per
 * kind across all tenants: an incoming call must find exactly one tenant.
 */
export const bindings = pgTable(
  'bindings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    kind: bindingKindEnum('kind').notNull(),
    address: text('address').notNull(),
    flowId: uuid('flow_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('bindings_kind_address_unique').on(t.kind, t.address),
    foreignKey({
      name: 'bindings_flow_fk',
      columns: [t.tenantId, t.flowId],
      foreignColumns: [flows.tenantId, flows.id],
    }),
  ],
);

/**
 * Counts changes to what an address routes to (a publish, a rollback, a binding made or removed), per
 * tenant, bumped in the transaction of the change. Runtimes poll the total to know when to drop their
 * routing caches. Per tenant rather than one global row, so publishes in different tenants never wait
 * on each other's lock.
 */
export const routingGenerations = pgTable('routing_generations', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id),
  generation: bigint('generation', { mode: 'number' }).notNull().default(0),
});
