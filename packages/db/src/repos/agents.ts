import { E164, sipUriSchema } from '@parley/flow-schema';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../client';
import { NotFoundError } from '../errors';
import { checkId, checkIds, parseInput, uniquely } from '../input';
import { agentSkills, agents } from '../schema';
import { requireSkills } from './skills';

export interface AgentSkill {
  skillId: string;
  /** 1 (learning) to 5 (expert). */
  proficiency: number;
}
export type Agent = typeof agents.$inferSelect & { skills: AgentSkill[] };

const SIP_TARGET_HINT = 'use a phone number in E.164 (+14255550100) or a SIP URI (sip:ana@contoso.com)';

/** Where the SIP adapter rings the agent: +E.164 or a sip:/sips: URI; empty means none. */
const sipTarget = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
  z
    .string()
    .trim()
    .max(320)
    .refine((v) => E164.test(v) || sipUriSchema.safeParse(v).success, SIP_TARGET_HINT)
    .nullable()
    .optional(),
);

const agentInput = z.object({
  teamsUserId: z.string().trim().min(1).max(320),
  displayName: z.string().trim().min(1).max(200),
  sipTarget,
  skills: z
    .array(z.object({ skillId: z.string(), proficiency: z.number().int().min(1).max(5) }))
    .default([])
    .refine((s) => new Set(s.map((x) => x.skillId)).size === s.length, 'each skill once'),
});

/** Creates an agent with skills; ConflictError when the Teams user is an agent of the tenant already. */
export async function createAgent(
  db: Db,
  tenantId: string,
  input: z.input<typeof agentInput>,
): Promise<Agent> {
  checkId('tenant', tenantId);
  const { skills, ...values } = parseInput(agentInput, input);
  return db.transaction(async (tx) => {
    await requireSkills(
      tx,
      tenantId,
      skills.map((s) => s.skillId),
    );
    const [agent] = await uniquely(
      tx
        .insert(agents)
        .values({ tenantId, ...values, sipTarget: values.sipTarget ?? null })
        .returning(),
      `${values.teamsUserId} is an agent already`,
    );
    if (skills.length > 0) {
      await tx.insert(agentSkills).values(skills.map((s) => ({ tenantId, agentId: agent!.id, ...s })));
    }
    return { ...agent!, skills };
  });
}

/** The tenant's agents by name, with their skills. */
export async function listAgents(db: Db, tenantId: string): Promise<Agent[]> {
  checkId('tenant', tenantId);
  const [rows, links] = await Promise.all([
    db.select().from(agents).where(eq(agents.tenantId, tenantId)).orderBy(asc(agents.displayName)),
    db.select().from(agentSkills).where(eq(agentSkills.tenantId, tenantId)),
  ]);
  return rows.map((a) => ({ ...a, skills: skillsOf(links, a.id) }));
}

/** One agent with skills. */
export async function getAgent(db: Db, tenantId: string, agentId: string): Promise<Agent> {
  checkIds(tenantId, 'agent', agentId);
  const [agent] = await db
    .select()
    .from(agents)
    .where(and(eq(agents.tenantId, tenantId), eq(agents.id, agentId)));
  if (!agent) throw new NotFoundError('agent', agentId);
  const links = await db
    .select()
    .from(agentSkills)
    .where(and(eq(agentSkills.tenantId, tenantId), eq(agentSkills.agentId, agentId)));
  return { ...agent, skills: skillsOf(links, agentId) };
}

const agentPatch = agentInput.pick({ displayName: true, sipTarget: true }).partial();

/** Changes an agent's display name or SIP target (null clears it); what the patch leaves out stays. */
export async function updateAgent(
  db: Db,
  tenantId: string,
  agentId: string,
  patch: { displayName?: string; sipTarget?: string | null },
): Promise<Agent> {
  checkIds(tenantId, 'agent', agentId);
  const changes = Object.fromEntries(
    Object.entries(parseInput(agentPatch, patch)).filter(([, v]) => v !== undefined),
  );
  if (Object.keys(changes).length > 0) {
    const updated = await db
      .update(agents)
      .set(changes)
      .where(and(eq(agents.tenantId, tenantId), eq(agents.id, agentId)))
      .returning({ id: agents.id });
    if (updated.length === 0) throw new NotFoundError('agent', agentId);
  }
  return getAgent(db, tenantId, agentId);
}

function skillsOf(links: (typeof agentSkills.$inferSelect)[], agentId: string): AgentSkill[] {
  return links
    .filter((l) => l.agentId === agentId)
    .map(({ skillId, proficiency }) => ({ skillId, proficiency }));
}
