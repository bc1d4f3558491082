import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../client';
import { NotFoundError } from '../errors';
import { checkId, parseInput, uniquely } from '../input';
import { tenants } from '../schema';

export type Tenant = typeof tenants.$inferSelect;

const tenantInput = z.object({
  slug: z
    .string()
    .regex(
      /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
      'use lowercase letters, digits and dashes, like contoso-support',
    ),
  name: z.string().trim().min(1).max(200),
});

/** Creates a tenant; ConflictError when the slug is taken. */
export async function createTenant(db: Db, input: z.input<typeof tenantInput>): Promise<Tenant> {
  const values = parseInput(tenantInput, input);
  const [tenant] = await uniquely(
    db.insert(tenants).values(values).returning(),
    `tenant slug "${values.slug}" is taken`,
  );
  return tenant!;
}

/** A tenant by id. */
export async function getTenant(db: Db, tenantId: string): Promise<Tenant> {
  checkId('tenant', tenantId);
  const [tenant] = await db.select().from(tenants).where(eq(tenants.id, tenantId));
  if (!tenant) throw new NotFoundError('tenant', tenantId);
  return tenant;
}

/** A tenant by its slug (the name in URLs), or null. */
export async function findTenantBySlug(db: Db, slug: string): Promise<Tenant | null> {
  const [tenant] = await db.select().from(tenants).where(eq(tenants.slug, slug));
  return tenant ?? null;
}
