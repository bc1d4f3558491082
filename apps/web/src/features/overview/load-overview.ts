import 'server-only';
import { type Database, type FlowSummary, listFlows, type Tenant, tenants } from '@parley/db';

export interface TenantOverview extends Pick<Tenant, 'id' | 'slug' | 'name'> {
  flows: FlowSummary[];
}

/** Every tenant with its flows and their live versions, for the home page. */
export async function loadOverview({ db }: Pick<Database, 'db'>): Promise<TenantOverview[]> {
  // @parley/db has no tenant listing yet (its repositories are tenant-scoped), hence this one select.
  const rows = await db
    .select({ id: tenants.id, slug: tenants.slug, name: tenants.name })
    .from(tenants)
    .orderBy(tenants.name);
  return Promise.all(rows.map(async (tenant) => ({ ...tenant, flows: await listFlows(db, tenant.id) })));
}
