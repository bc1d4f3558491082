'use client';

import { createContext, type ReactNode, useContext, useMemo } from 'react';

export type Role = 'admin' | 'designer' | 'publisher' | 'analyst';

/** The tenant the page works in (from the URL), with the roles the signed-in user holds there. */
export interface CurrentTenant {
  id: string;
  slug: string;
  name: string;
  roles: Role[];
}

/** The signed-in user. */
export interface CurrentUser {
  id: string;
  name: string;
  email: string;
}

const TenantContext = createContext<{ tenant: CurrentTenant; user: CurrentUser } | null>(null);

export function TenantProvider({
  tenant,
  user,
  children,
}: {
  tenant: CurrentTenant;
  user: CurrentUser;
  children: ReactNode;
}) {
  const value = useMemo(() => ({ tenant, user }), [tenant, user]);
  return <TenantContext.Provider value={value}>{children}</TenantContext.Provider>;
}

function useSession() {
  const value = useContext(TenantContext);
  if (!value) throw new Error('useTenant() and useUser() work only under the /t/[tenantSlug] layout');
  return value;
}

/** The current tenant. */
export function useTenant(): CurrentTenant {
  return useSession().tenant;
}

/** Who is signed in. */
export function useUser(): CurrentUser {
  return useSession().user;
}

/** "You" for the signed-in user's id; otherwise a short form of the id (names need a users lookup). */
export function useActorName(): (userId: string | null, name?: string | null) => string {
  const user = useUser();
  return (userId, name) => {
    if (userId === null) return 'Parley';
    if (userId === user.id) return `You (${user.name})`;
    return name ?? `a former user (${userId.slice(0, 8)})`;
  };
}

// Mirrors `can` in src/server/trpc.ts (which the browser cannot import): the server still decides,
// this only greys out what would be refused.
const ABILITIES = {
  read: ['designer', 'publisher', 'analyst'],
  design: ['designer'],
  publish: ['publisher'],
  administer: [],
} as const satisfies Record<string, readonly Role[]>;

export type Ability = keyof typeof ABILITIES;

/** Whether the user's roles in the tenant allow an ability (admins can do everything). */
export function allows(tenant: CurrentTenant, ability: Ability): boolean {
  const allowed: readonly Role[] = ABILITIES[ability];
  return tenant.roles.includes('admin') || tenant.roles.some((r) => allowed.includes(r));
}

/** Why a control is disabled for lack of a role, for its tooltip. */
export function roleHint(ability: Ability): string {
  const who = { read: 'any role', design: 'designers', publish: 'publishers', administer: 'admins' }[ability];
  return `Only ${who} of this tenant can do this.`;
}
