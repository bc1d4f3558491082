import { createSchedule, getSchedule, listSchedules } from '@parley/db';
import { z } from 'zod';
import { can, router, tenantProcedure } from '../trpc';

export const schedulesRouter = router({
  list: tenantProcedure(can.read).query(({ ctx }) => listSchedules(ctx.db, ctx.tenantId)),

  get: tenantProcedure(can.read)
    .input(z.object({ scheduleId: z.uuid() }))
    .query(({ ctx, input }) => getSchedule(ctx.db, ctx.tenantId, input.scheduleId)),

  /** Named business hours flows can share; the definition is flow-schema's inline schedule (checked). */
  create: tenantProcedure(can.design)
    .input(
      z.object({ name: z.string().trim().min(1).max(200), definition: z.record(z.string(), z.unknown()) }),
    )
    .mutation(({ ctx, input }) => createSchedule(ctx.db, ctx.tenantId, input)),
});
