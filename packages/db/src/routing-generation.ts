import { sql } from 'drizzle-orm';
import type { Db } from './client';
import { routingGenerations } from './schema';

/**
 * Counts a change to what the tenant's addresses route to. Call it in the transaction of the change,
 * so a runtime that sees the new generation also sees the change.
 */
export async function bumpRoutingGeneration(tx: Db, tenantId: string): Promise<void> {
  await tx
    .insert(routingGenerations)
    .values({ tenantId, generation: 1 })
    .onConflictDoUpdate({
      target: routingGenerations.tenantId,
      set: { generation: sql`${routingGenerations.generation} + 1` },
    });
}
