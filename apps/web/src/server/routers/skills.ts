import { createSkill, listSkills } from '@parley/db';
import { z } from 'zod';
import { can, router, tenantProcedure } from '../trpc';

export const skillsRouter = router({
  list: tenantProcedure(can.read).query(({ ctx }) => listSkills(ctx.db, ctx.tenantId)),

  create: tenantProcedure(can.design)
    .input(z.object({ name: z.string().trim().min(1).max(100) }))
    .mutation(({ ctx, input }) => createSkill(ctx.db, ctx.tenantId, input)),
});
