import { and, asc, eq, inArray, notExists } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../client';
import { NotFoundError } from '../errors';
import { checkId, checkIds, parseInput, uniquely } from '../input';
import { agentSkills, agents, queueSkills, queues } from '../schema';
import type { Agent } from './agents';
import { requireSkills } from './skills';

export type Queue = typeof queues.$inferSelect & { skillIds: string[] };

/** An agent who has every skill a queue asks for. */
export type QueueAgent = Agent & {
  /** Mean proficiency over the queue's skills; null when the queue asks for none. */
  queueProficiency: number | null;
};

const queueSettings = z.looseObject({
  alertTimeoutSeconds: z.number().int().min(5).max(300).optional(),
  maxQueueSize: z.number().int().min(1).max(10_000).optional(),
  maxWaitSeconds: z.number().int().min(10).max(7200).optional(),
});

const queueInput = z.object({
  name: z.string().trim().min(1).max(200),
  settings: queueSettings.default({}),
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

/**
 * The agents who can take a queue's calls: those with every skill the queue asks for (all of the
 * tenant's agents when it asks for none), each with all their skills, best mean proficiency in the
 * queue's skills first. Presence and a flow's extra skills are the runtime's to weigh.
 */
export async function queueAgents(db: Db, tenantId: string, queueId: string): Promise<QueueAgent[]> {
  checkIds(tenantId, 'queue', queueId);
  const [queue] = await db
    .select({ id: queues.id })
    .from(queues)
    .where(and(eq(queues.tenantId, tenantId), eq(queues.id, queueId)));
  if (!queue) throw new NotFoundError('queue', queueId);
  // No skill of the queue that the agent lacks.
  const lacksOne = db
    .select({ skillId: queueSkills.skillId })
    .from(queueSkills)
    .where(
      and(
        eq(queueSkills.queueId, queueId),
        notExists(
          db
            .select({ skillId: agentSkills.skillId })
            .from(agentSkills)
            .where(and(eq(agentSkills.agentId, agents.id), eq(agentSkills.skillId, queueSkills.skillId))),
        ),
      ),
    );
  const [rows, asked] = await Promise.all([
    db
      .select()
      .from(agents)
      .where(and(eq(agents.tenantId, tenantId), notExists(lacksOne))),
    db.select({ skillId: queueSkills.skillId }).from(queueSkills).where(eq(queueSkills.queueId, queueId)),
  ]);
  if (rows.length === 0) return [];
  const links = await db
    .select()
    .from(agentSkills)
    .where(
      and(
        eq(agentSkills.tenantId, tenantId),
        inArray(
          agentSkills.agentId,
          rows.map((a) => a.id),
        ),
      ),
    );
  const wanted = new Set(asked.map((q) => q.skillId));
  const found = rows.map((agent) => {
    const skills = links
      .filter((l) => l.agentId === agent.id)
      .map(({ skillId, proficiency }) => ({ skillId, proficiency }));
    const inQueue = skills.filter((s) => wanted.has(s.skillId));
    const queueProficiency =
      inQueue.length === 0 ? null : inQueue.reduce((sum, s) => sum + s.proficiency, 0) / inQueue.length;
    return { ...agent, skills, queueProficiency };
  });
  return found.sort(
    (a, b) =>
      (b.queueProficiency ?? 0) - (a.queueProficiency ?? 0) || a.displayName.localeCompare(b.displayName),
  );
}
