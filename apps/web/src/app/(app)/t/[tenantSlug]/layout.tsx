import Link from 'next/link';
import type { ReactNode } from 'react';
import { AppShell } from '../../../../features/shell/app-shell';
import { loadSignedIn } from '../../../../features/shell/load-session';
import { SignInRedirect } from '../../../../features/shell/sign-in-redirect';

// Reads the session and the user's memberships on every request.
export const dynamic = 'force-dynamic';

/**
 * The tenant comes from the URL (`/t/demo/flows`): links can be shared and two tabs can work in two
 * tenants. Only members get the shell; the procedures check the role again on every call.
 */
export default async function TenantLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ tenantSlug: string }>;
}) {
  const { tenantSlug } = await params;
  const me = await loadSignedIn();
  // A layout is not told which page below it was asked for: the redirect comes from a client component.
  if (!me) return <SignInRedirect />;
  const tenant = me.tenants.find((t) => t.slug === tenantSlug);
  if (!tenant) {
    return (
      <section aria-labelledby="no-tenant">
        <h1 id="no-tenant">You are not a member of “{tenantSlug}”</h1>
        <p>Ask an admin of that tenant to add you, or open one of yours:</p>
        {me.tenants.length === 0 ? (
          <p className="muted">You are not a member of any tenant yet.</p>
        ) : (
          <ul>
            {me.tenants.map((t) => (
              <li key={t.id}>
                <Link href={`/t/${t.slug}/flows`}>{t.name}</Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    );
  }
  return (
    <AppShell user={me.user} tenants={me.tenants} tenant={tenant}>
      {children}
    </AppShell>
  );
}
