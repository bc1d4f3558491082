/** Cookie naming the tenant worked in last (its slug), so `/` can open it again. */
export const TENANT_COOKIE = 'parley-tenant';
