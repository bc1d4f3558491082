import { addMembership, audit, createUser, findUserByEmail, NotFoundError, ROLES } from '@parley/db';
import { z } from 'zod';
import { can, router, tenantProcedure } from '../trpc';

export const membersRouter = router({
  /**
   * Gives a person a role in the tenant. Someone new to Parley is created when a name is given: with
   * a password for email sign-in, or without one to sign in with Microsoft (matched by email).
   */
  add: tenantProcedure(can.administer)
    .input(
      z.object({
        email: z.email(),
        role: z.enum(ROLES),
        name: z.string().trim().min(1).max(200).optional(),
        password: z.string().min(8).max(1024).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      let user = await findUserByEmail(ctx.db, input.email);
      if (!user) {
        if (!input.name) {
          throw new NotFoundError('user', `${input.email} (give their name to create them)`);
        }
        user = await createUser(ctx.db, {
          email: input.email,
          name: input.name,
          ...(input.password ? { password: input.password } : {}),
        });
      }
      await addMembership(ctx.db, ctx.tenantId, user.id, input.role);
      // Not in one transaction with the membership: @parley/db's addMembership does not audit itself.
      await audit(ctx.db, {
        tenantId: ctx.tenantId,
        actorId: ctx.userId,
        action: 'member.add',
        subjectType: 'user',
        subjectId: user.id,
        details: { email: user.email, role: input.role },
      });
      return { userId: user.id, email: user.email, name: user.name, role: input.role };
    }),
});
