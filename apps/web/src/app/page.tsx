import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { loadSignedIn } from '../features/shell/load-session';
import { TENANT_COOKIE } from '../features/shell/tenant-cookie';

// Reads the session on every request; nothing here may run (or connect) at build time.
export const dynamic = 'force-dynamic';

/** Home: the flows of the tenant worked in last (a cookie), else of the user's first tenant. */
export default async function HomePage() {
  const me = await loadSignedIn();
  if (!me) redirect('/sign-in');
  const remembered = (await cookies()).get(TENANT_COOKIE)?.value;
  const tenant = me.tenants.find((t) => t.slug === remembered) ?? me.tenants[0];
  if (tenant) redirect(`/t/${tenant.slug}/flows`);
  return (
    <section aria-labelledby="no-tenants">
      <h1 id="no-tenants">No tenants yet</h1>
      <p>
        You are signed in as {me.user.email}, but you are not a member of any tenant. Ask an admin to add you;
        on a fresh install, <code>npm start</code> seeds a demo tenant.
      </p>
    </section>
  );
}
