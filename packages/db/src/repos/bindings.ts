import { type CompiledFlow, E164 } from '@parley/flow-schema';
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../client';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { checkId, checkIds, parseInput } from '../input';
import { bumpRoutingGeneration } from '../routing-generation';
import {
  BINDING_KINDS,
  type BindingKind,
  bindings,
  flows,
  flowVersions,
  routingGenerations,
} from '../schema';
import { audit } from './audit';

export type Binding = typeof bindings.$inferSelect;

/** Where an incoming call goes: the tenant, the flow, and the version live now (null: never published). */
export interface ResolvedBinding {
  bindingId: string;
  tenantId: string;
  flowId: string;
  kind: BindingKind;
  address: string;
  liveVersion: number | null;
}

/** What runs when an address is called: the live version's compiled machine, with where it came from. */
export interface RoutedAddress {
  tenantId: string;
  flowId: string;
  bindingId: string;
  version: number;
  compiled: CompiledFlow;
}

const bindingInput = z.object({
  kind: z.enum(BINDING_KINDS),
  address: z.string().trim().min(1).max(320),
  flowId: z.string(),
});

/** Resource accounts are Entra ids or UPNs, both case-insensitive; numbers are already canonical in E.164. */
function normalize(kind: BindingKind, address: string): string {
  if (kind === 'e164' && !E164.test(address)) {
    throw new ValidationError([
      {
        nodeId: null,
        field: 'address',
        code: 'invalid-phone-number',
        message: `"${address}" is not an E.164 number: use + then country code and number, e.g. +14255550100`,
      },
    ]);
  }
  return kind === 'resourceAccount' ? address.toLowerCase() : address;
}

/**
 * Routes a number or resource account to one of the tenant's flows, re-pointing it if the tenant had
 * bound it already. ConflictError when another tenant holds the address: an address routes to one tenant.
 */
export async function bindAddress(
  db: Db,
  tenantId: string,
  input: z.input<typeof bindingInput>,
  actorId: string,
): Promise<Binding> {
  const { kind, address: raw, flowId } = parseInput(bindingInput, input);
  checkIds(tenantId, 'flow', flowId);
  const address = normalize(kind, raw);
  return db.transaction(async (tx) => {
    const [flow] = await tx
      .select({ id: flows.id })
      .from(flows)
      .where(and(eq(flows.tenantId, tenantId), eq(flows.id, flowId)));
    if (!flow) throw new NotFoundError('flow', flowId);
    // One statement decides: insert, re-point our own binding, or (no row back) someone else's.
    const [binding] = await tx
      .insert(bindings)
      .values({ tenantId, kind, address, flowId })
      .onConflictDoUpdate({
        target: [bindings.kind, bindings.address],
        set: { flowId: sql`excluded.flow_id` },
        setWhere: sql`${bindings.tenantId} = excluded.tenant_id`,
      })
      .returning();
    if (!binding) throw new ConflictError(`${address} is already bound in another tenant`);
    await bumpRoutingGeneration(tx, tenantId);
    await audit(tx, {
      tenantId,
      actorId,
      action: 'binding.bind',
      subjectType: 'binding',
      subjectId: binding.id,
      details: { kind, address, flowId },
    });
    return binding;
  });
}

/** Removes one of the tenant's bindings; calls to the address then find no flow. */
export async function unbindAddress(
  db: Db,
  tenantId: string,
  bindingId: string,
  actorId: string,
): Promise<void> {
  checkIds(tenantId, 'binding', bindingId);
  await db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(bindings)
      .where(and(eq(bindings.tenantId, tenantId), eq(bindings.id, bindingId)))
      .returning();
    if (!removed) throw new NotFoundError('binding', bindingId);
    await bumpRoutingGeneration(tx, tenantId);
    await audit(tx, {
      tenantId,
      actorId,
      action: 'binding.unbind',
      subjectType: 'binding',
      subjectId: bindingId,
      details: { kind: removed.kind, address: removed.address, flowId: removed.flowId },
    });
  });
}

/** The tenant's bindings by address. */
export async function listBindings(db: Db, tenantId: string): Promise<Binding[]> {
  checkId('tenant', tenantId);
  return db.select().from(bindings).where(eq(bindings.tenantId, tenantId)).orderBy(asc(bindings.address));
}

/**
 * Finds who answers a call to an address: an E.164 number, otherwise a resource account. NOT
 * tenant-scoped, on purpose: the runtime does not know the tenant of an incoming call until this
 * answers, so only routing code should call it. Null when nothing is bound to the address.
 */
export async function resolveBinding(db: Db, address: string): Promise<ResolvedBinding | null> {
  const { kind, key } = lookupKey(address);
  const [row] = await db
    .select({
      bindingId: bindings.id,
      tenantId: bindings.tenantId,
      flowId: bindings.flowId,
      kind: bindings.kind,
      address: bindings.address,
      liveVersion: flows.liveVersion,
    })
    .from(bindings)
    .innerJoin(flows, and(eq(flows.tenantId, bindings.tenantId), eq(flows.id, bindings.flowId)))
    .where(and(eq(bindings.kind, kind), eq(bindings.address, key)));
  return row ?? null;
}

/**
 * The compiled machine a call to an address runs, in one query: binding, flow, live version. NOT
 * tenant-scoped, like resolveBinding and for the same reason. Null when nothing is bound to the
 * address or its flow has no live version.
 */
export async function routeAddress(db: Db, address: string): Promise<RoutedAddress | null> {
  const { kind, key } = lookupKey(address);
  const [row] = await db
    .select({
      tenantId: bindings.tenantId,
      flowId: bindings.flowId,
      bindingId: bindings.id,
      version: flowVersions.number,
      compiled: flowVersions.compiled,
    })
    .from(bindings)
    .innerJoin(flows, and(eq(flows.tenantId, bindings.tenantId), eq(flows.id, bindings.flowId)))
    .innerJoin(
      flowVersions,
      and(eq(flowVersions.flowId, flows.id), eq(flowVersions.number, flows.liveVersion)),
    )
    .where(and(eq(bindings.kind, kind), eq(bindings.address, key)));
  return row ?? null;
}

/**
 * A number that changes whenever any tenant publishes, rolls back, binds or unbinds: the runtime polls
 * it (one aggregate over one row per tenant) and drops its routing cache when it moves. Compare it for
 * equality only; it is a sum of per-tenant counters, not a clock.
 */
export async function routingGeneration(db: Db): Promise<number> {
  const [row] = await db
    .select({ generation: sql<number>`coalesce(sum(${routingGenerations.generation}), 0)`.mapWith(Number) })
    .from(routingGenerations);
  return row?.generation ?? 0;
}

/** An E.164 number as it is; anything else is a resource account, matched case-insensitively. */
function lookupKey(address: string): { kind: BindingKind; key: string } {
  return E164.test(address)
    ? { kind: 'e164', key: address }
    : { kind: 'resourceAccount', key: address.trim().toLowerCase() };
}
