import { type Db, getTenant, type Role, type Tenant, type User } from '@parley/db';

// Two reads @parley/db does not offer yet (findUserByEntraObjectId, tenantsOfUser). They use drizzle's
// query API on the db package's own schema, read only; they belong in packages/db/src/repos/users.ts
// and memberships.ts and should move there.

/** A user by the Entra object id (the `oid` claim) they signed in with before, or null. */
export async function findUserByEntraObjectId(db: Db, entraObjectId: string): Promise<User | null> {
  const user = await db.query.users.findFirst({
    columns: { id: true, email: true, name: true, entraObjectId: true, createdAt: true },
    where: (u, { eq }) => eq(u.entraObjectId, entraObjectId),
  });
  return user ?? null;
}

/** The tenants a user is a member of, by name, each with the roles the user holds there. */
export async function tenantsOfUser(db: Db, userId: string): Promise<(Tenant & { roles: Role[] })[]> {
  const rows = await db.query.memberships.findMany({
    columns: { tenantId: true, role: true },
    where: (m, { eq }) => eq(m.userId, userId),
  });
  const roles = new Map<string, Role[]>();
  for (const row of rows) roles.set(row.tenantId, [...(roles.get(row.tenantId) ?? []), row.role]);
  const tenants = await Promise.all(
    [...roles].map(async ([id, held]) => ({ ...(await getTenant(db, id)), roles: held.sort() })),
  );
  return tenants.sort((a, b) => a.name.localeCompare(b.name));
}
