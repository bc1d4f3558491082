import { type Db, type Role, requireRole } from '@parley/db';
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { z } from 'zod';
import { errorData, toTRPCError } from './errors';

/** What every procedure runs with: the database and who is asking (null when nobody signed in). */
export interface Context {
  db: Db;
  userId: string | null;
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter: ({ shape, error }) => ({
    ...shape,
    // A failure's own message may quote SQL or a stack; in production the server log keeps it.
    message:
      error.code === 'INTERNAL_SERVER_ERROR' && process.env.NODE_ENV === 'production'
        ? 'Parley could not do this. Try again; if it keeps failing, the server log has the details.'
        : shape.message,
    data: { ...shape.data, ...errorData(error) },
  }),
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Every procedure: repository errors become their tRPC codes (NotFoundError → NOT_FOUND, …). */
export const publicProcedure = t.procedure.use(async ({ next }) => {
  const result = await next();
  if (!result.ok) throw toTRPCError(result.error);
  return result;
});

/** A procedure for signed-in users: UNAUTHORIZED otherwise. */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.userId) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'sign in to continue' });
  return next({ ctx: { ...ctx, userId: ctx.userId } });
});

/** Every tenant-scoped procedure's input has the tenant. */
export const tenantInput = z.object({ tenantId: z.uuid() });

/**
 * A procedure on one tenant's data for users holding one of `roles` there (admin always passes):
 * FORBIDDEN for anyone else, members of other tenants included. The role is checked before the
 * rest of the input is parsed, so a refused call learns nothing from validation messages.
 */
export function tenantProcedure(roles: readonly Role[]) {
  return authedProcedure.input(tenantInput).use(async ({ ctx, input, next }) => {
    const held = await requireRole(ctx.db, ctx.userId, input.tenantId, [...roles]);
    return next({ ctx: { ...ctx, tenantId: input.tenantId, roles: held } });
  });
}

/** Who may do what. Admin is implied everywhere (requireRole lets admins through). */
export const can = {
  /** Reading flows, versions, resources, the audit trail. */
  read: ['designer', 'publisher', 'analyst'],
  /** Editing drafts, flows and the resources they reference. */
  design: ['designer'],
  /** Publishing and rolling back versions. */
  publish: ['publisher'],
  /** Members and bindings of phone numbers and resource accounts. */
  administer: ['admin'],
} as const satisfies Record<string, readonly Role[]>;
