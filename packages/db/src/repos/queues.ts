import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../client';
import { NotFoundError } from '../errors';
import { checkId, checkIds, parseInput, uniquely } from '../input';
import { queueSkills, queues } from '../schema';
import { requireSkills } from './skills';

export type Queue = typeof queues.$inferSelect & { skillIds: string[] };

const queueInput = z.object({
  name: z.string().trim().min(1).max(200),
  settings: z.record(z.string(), z.unknown()).default({}),
  skillIds: z.array(z.string()).default([]),
});

/** Creates a queue asking for the given skills (NotFoundError when one is not the tenant's). */
export async function createQueue(
  db: Db,
  tenantId: string,
  input: z.input<typeof queueInput>,
): Promise<Queue> {
  checkId('tenant', tenantId);
  const { name, settings, skillIds } = parseInput(queueInput, input);
  return db.transaction(async (tx) => {
    await requireSkills(tx, tenantId, skillIds);
    const [queue] = await uniquely(
      tx.insert(queues).values({ tenantId, name, settings }).returning(),
      `a queue named "${name}" exists`,
    );
    const unique = [...new Set(skillIds)];
    if (unique.length > 0) {
      await tx
        .insert(queueSkills)
        .values(unique.map((skillId) => ({ tenantId, queueId: queue!.id, skillId })));
    }
    return { ...queue!, skillIds: unique };
  });
}

/** The tenant's queues by name, with their skills. */
export async function listQueues(db: Db, tenantId: string): Promise<Queue[]> {
  checkId('tenant', tenantId);
  const [rows, links] = await Promise.all([
    db.select().from(queues).where(eq(queues.tenantId, tenantId)).orderBy(asc(queues.name)),
    db.select().from(queueSkills).where(eq(queueSkills.tenantId, tenantId)),
  ]);
  return rows.map((q) => ({ ...q, skillIds: links.filter((l) => l.queueId === q.id).map((l) => l.skillId) }));
}

/** One queue with its skills. */
export async function getQueue(db: Db, tenantId: string, queueId: string): Promise<Queue> {
  checkIds(tenantId, 'queue', queueId);
  const [queue] = await db
    .select()
    .from(queues)
    .where(and(eq(queues.tenantId, tenantId), eq(queues.id, queueId)));
  if (!queue) throw new NotFoundError('queue', queueId);
  const links = await db
    .select({ skillId: queueSkills.skillId })
    .from(queueSkills)
    .where(and(eq(queueSkills.tenantId, tenantId), eq(queueSkills.queueId, queueId)));
  return { ...queue, skillIds: links.map((l) => l.skillId) };
}
