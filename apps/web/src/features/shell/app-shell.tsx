'use client';

import {
  AudioLines,
  CalendarClock,
  LogOut,
  Phone,
  ScrollText,
  Users,
  Voicemail,
  Workflow,
} from 'lucide-react';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { signOut } from 'next-auth/react';
import { type ReactNode, useEffect, useState } from 'react';
import styles from './shell.module.css';
import { type CurrentTenant, type CurrentUser, TenantProvider } from './tenant-context';
import { TENANT_COOKIE } from './tenant-cookie';
import ui from './ui.module.css';

export interface AppShellProps {
  user: CurrentUser;
  tenants: CurrentTenant[];
  tenant: CurrentTenant;
  children: ReactNode;
}

const SECTIONS = [
  { path: 'flows', label: 'Flows', Icon: Workflow },
  { path: 'numbers', label: 'Numbers', Icon: Phone },
  { path: 'queues', label: 'Queues & agents', Icon: Users },
  { path: 'schedules', label: 'Schedules', Icon: CalendarClock },
  { path: 'prompts', label: 'Prompts', Icon: AudioLines },
  { path: 'voicemail', label: 'Voicemail', Icon: Voicemail },
  { path: 'audit', label: 'Audit log', Icon: ScrollText },
] as const;

/** The signed-in frame: top bar (tenant, user, sign out), left nav, and the page. */
export function AppShell({ user, tenants, tenant, children }: AppShellProps) {
  const pathname = usePathname();
  const router = useRouter();
  const [signingOut, setSigningOut] = useState(false);
  const base = `/t/${tenant.slug}`;
  const section = pathname.slice(base.length + 1).split('/')[0] ?? '';

  useEffect(() => {
    // Remembered for `/`, which opens the tenant worked in last.
    // biome-ignore lint/suspicious/noDocumentCookie: one plain cookie; the Cookie Store API is not everywhere yet
    document.cookie = `${TENANT_COOKIE}=${encodeURIComponent(tenant.slug)}; path=/; max-age=31536000; samesite=lax`;
  }, [tenant.slug]);

  return (
    <TenantProvider tenant={tenant} user={user}>
      <div className={styles.shell} data-parley-shell="">
        <header className={styles.topBar}>
          <Link href={`${base}/flows`} className={styles.brand}>
            Parley
          </Link>
          <span className={styles.tenant}>
            {tenants.length > 1 ? (
              <>
                <label htmlFor="tenant-switcher">Tenant</label>
                <select
                  id="tenant-switcher"
                  value={tenant.slug}
                  onChange={(e) => router.push(`/t/${e.target.value}/${section || 'flows'}`)}
                >
                  {tenants.map((t) => (
                    <option key={t.id} value={t.slug}>
                      {t.name}
                    </option>
                  ))}
                </select>
              </>
            ) : (
              <>
                Tenant <strong style={{ color: 'var(--text)' }}>{tenant.name}</strong>
              </>
            )}
          </span>
          <span className="muted" title="Your roles in this tenant" style={{ fontSize: 12 }}>
            {tenant.roles.join(', ')}
          </span>
          <span className={styles.spacer} />
          <span className={styles.user}>
            <span>{user.name}</span>
            <span>{user.email}</span>
          </span>
          <button
            type="button"
            className={ui.button}
            disabled={signingOut}
            aria-busy={signingOut}
            onClick={() => {
              setSigningOut(true);
              void signOut({ callbackUrl: '/sign-in' });
            }}
          >
            <LogOut size={14} aria-hidden="true" />
            {signingOut ? 'Signing out…' : 'Sign out'}
          </button>
        </header>
        <nav className={styles.nav} aria-label="Sections">
          <ul>
            {SECTIONS.map(({ path, label, Icon }) => (
              <li key={path}>
                <Link
                  href={`${base}/${path}`}
                  aria-current={section === path ? 'page' : undefined}
                  title={label}
                >
                  <Icon size={16} aria-hidden="true" />
                  <span>{label}</span>
                </Link>
              </li>
            ))}
          </ul>
          <p className={styles.navFoot}>{tenant.slug}</p>
        </nav>
        <div className={styles.content}>{children}</div>
      </div>
    </TenantProvider>
  );
}
