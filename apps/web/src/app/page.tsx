import { redirect } from 'next/navigation';
import { loadOverview } from '../features/overview/load-overview';
import { TenantSection } from '../features/overview/tenant-section';
import { getSessionUserId } from '../server/auth';
import { getDatabase } from '../server/database';

// Every request reads the database; nothing here may run (or connect) at build time.
export const dynamic = 'force-dynamic';

export default async function HomePage() {
  if (!(await getSessionUserId())) redirect('/sign-in');
  const database = await getDatabase();
  const tenants = await loadOverview(database);
  return (
    <>
      <h1>Call flows</h1>
      <p className="muted">
        {tenants.length} {tenants.length === 1 ? 'tenant' : 'tenants'} · database{' '}
        <span title={database.location}>{database.driver}</span>
      </p>
      {tenants.length === 0 ? (
        <p className="empty">No tenants yet. `npm start` seeds a demo tenant into an empty database.</p>
      ) : (
        tenants.map((tenant) => <TenantSection key={tenant.id} tenant={tenant} />)
      )}
    </>
  );
}
