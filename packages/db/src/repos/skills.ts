import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../client';
import { NotFoundError } from '../errors';
import { checkId, parseInput, uniquely } from '../input';
import { skills } from '../schema';

export type Skill = typeof skills.$inferSelect;

const skillInput = z.object({ name: z.string().trim().min(1).max(100) });

/** Creates a skill; ConflictError when the tenant has one of that name. */
export async function createSkill(db: Db, tenantId: string, input: { name: string }): Promise<Skill> {
  checkId('tenant', tenantId);
  const { name } = parseInput(skillInput, input);
  const [skill] = await uniquely(
    db.insert(skills).values({ tenantId, name }).returning(),
    `a skill named "${name}" exists`,
  );
  return skill!;
}

/** The tenant's skills by name. */
export async function listSkills(db: Db, tenantId: string): Promise<Skill[]> {
  checkId('tenant', tenantId);
  return db.select().from(skills).where(eq(skills.tenantId, tenantId)).orderBy(asc(skills.name));
}

/** Throws NotFoundError naming the first id that is not one of the tenant's skills. */
export async function requireSkills(db: Db, tenantId: string, skillIds: string[]): Promise<void> {
  if (skillIds.length === 0) return;
  for (const id of skillIds) checkId('skill', id);
  const found = await db
    .select({ id: skills.id })
    .from(skills)
    .where(and(eq(skills.tenantId, tenantId), inArray(skills.id, skillIds)));
  const known = new Set(found.map((s) => s.id));
  const missing = skillIds.find((id) => !known.has(id));
  if (missing) throw new NotFoundError('skill', missing);
}
