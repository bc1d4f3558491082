import { listAudit } from '@parley/db';
import { z } from 'zod';
import { can, router, tenantProcedure } from '../trpc';

export const auditRouter = router({
  /** Who did what, newest first, optionally for one subject (like one flow). */
  list: tenantProcedure(can.read)
    .input(
      z.object({
        subjectType: z.string().min(1).max(50).optional(),
        subjectId: z.string().min(1).max(200).optional(),
        limit: z.number().int().min(1).max(500).optional(),
      }),
    )
    .query(({ ctx, input }) => listAudit(ctx.db, ctx.tenantId, input)),
});
