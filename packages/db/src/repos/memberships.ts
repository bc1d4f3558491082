import { and, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { ForbiddenError } from '../errors';
import { checkId, isId } from '../input';
import { memberships, type Role } from '../schema';

/** Gives a user a role in a tenant; adding a role the user already has changes nothing. */
export async function addMembership(db: Db, tenantId: string, userId: string, role: Role): Promise<void> {
  checkId('tenant', tenantId);
  checkId('user', userId);
  await db.insert(memberships).values({ tenantId, userId, role }).onConflictDoNothing();
}

/** The roles a user holds in a tenant; empty when the user is not a member. */
export async function rolesOf(db: Db, userId: string, tenantId: string): Promise<Role[]> {
  if (!isId(userId) || !isId(tenantId)) return [];
  const rows = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.tenantId, tenantId)));
  return rows.map((r) => r.role).sort();
}

/** Throws ForbiddenError unless the user holds one of the roles in the tenant (admin always passes). */
export async function requireRole(
  db: Db,
  userId: string,
  tenantId: string,
  allowed: Role[],
): Promise<Role[]> {
  const roles = await rolesOf(db, userId, tenantId);
  if (!roles.some((r) => r === 'admin' || allowed.includes(r))) {
    throw new ForbiddenError(`this needs the ${allowed.join(' or ')} role in this tenant`);
  }
  return roles;
}
