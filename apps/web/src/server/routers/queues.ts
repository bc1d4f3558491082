import { createQueue, getQueue, listQueues, queueAgents } from '@parley/db';
import { z } from 'zod';
import { can, router, tenantProcedure } from '../trpc';

const queueRef = z.object({ queueId: z.uuid() });

export const queuesRouter = router({
  list: tenantProcedure(can.read).query(({ ctx }) => listQueues(ctx.db, ctx.tenantId)),

  get: tenantProcedure(can.read)
    .input(queueRef)
    .query(({ ctx, input }) => getQueue(ctx.db, ctx.tenantId, input.queueId)),

  /** A queue asking for skills; its settings are checked by the repository (alert timeout, size, wait). */
  create: tenantProcedure(can.design)
    .input(
      z.object({
        name: z.string().trim().min(1).max(200),
        settings: z.record(z.string(), z.unknown()).optional(),
        skillIds: z.array(z.uuid()).max(50).optional(),
      }),
    )
    .mutation(({ ctx, input }) => createQueue(ctx.db, ctx.tenantId, input)),

  /** The agents who can take the queue's calls, best proficiency first. */
  agents: tenantProcedure(can.read)
    .input(queueRef)
    .query(({ ctx, input }) => queueAgents(ctx.db, ctx.tenantId, input.queueId)),
});
