import { listAudit, userNames } from '@parley/db';
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
    .query(async ({ ctx, input }) => {
      const entries = await listAudit(ctx.db, ctx.tenantId, input);
      const names = await userNames(
        ctx.db,
        entries.map((e) => e.actorId),
      );
      return entries.map((e) => ({ ...e, actorName: e.actorId ? (names.get(e.actorId) ?? null) : null }));
    }),
});
