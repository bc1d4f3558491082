import { getUser } from '@parley/db';
import { tenantsOfUser } from '../directory';
import { authedProcedure } from '../trpc';

/** Who is signed in, and the tenants they work in with their roles there. */
export const me = authedProcedure.query(async ({ ctx }) => {
  const [user, tenants] = await Promise.all([getUser(ctx.db, ctx.userId), tenantsOfUser(ctx.db, ctx.userId)]);
  return {
    user: { id: user.id, name: user.name, email: user.email, microsoftLinked: user.entraObjectId !== null },
    tenants: tenants.map(({ id, slug, name, roles }) => ({ id, slug, name, roles })),
  };
});
