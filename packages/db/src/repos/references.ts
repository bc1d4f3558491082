import type { Reference, ReferenceResolver } from '@parley/flow-schema';
import { eq } from 'drizzle-orm';
import type { Db } from '../client';
import { checkId } from '../input';
import { flows, prompts, queues, schedules, skills } from '../schema';

/**
 * A ReferenceResolver over what the tenant has now. flow-schema's resolver is synchronous, so the ids
 * are loaded first; the answer is a snapshot, good for one validation or publish.
 */
export async function referenceResolver(db: Db, tenantId: string): Promise<ReferenceResolver> {
  checkId('tenant', tenantId);
  const ids = async (
    table: typeof flows | typeof prompts | typeof queues | typeof schedules | typeof skills,
  ) =>
    new Set(
      (await db.select({ id: table.id }).from(table).where(eq(table.tenantId, tenantId))).map((r) => r.id),
    );
  const [queue, schedule, prompt, flow, skill] = await Promise.all([
    ids(queues),
    ids(schedules),
    ids(prompts),
    ids(flows),
    ids(skills),
  ]);
  const known: Record<Reference['kind'], Set<string>> = { queue, schedule, prompt, flow, skill };
  return (ref) => known[ref.kind].has(ref.id);
}
