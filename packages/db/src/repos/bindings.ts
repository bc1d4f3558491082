import { E164 } from '@parley/flow-schema';
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../client';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { checkId, checkIds, parseInput } from '../input';
import { BINDING_KINDS, type BindingKind, bindings, flows } from '../schema';
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
  const kind: BindingKind = E164.test(address) ? 'e164' : 'resourceAccount';
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
    .where(
      and(
        eq(bindings.kind, kind),
        eq(bindings.address, kind === 'e164' ? address : address.trim().toLowerCase()),
      ),
    );
  return row ?? null;
}
