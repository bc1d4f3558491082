import { BINDING_KINDS, bindAddress, listBindings, unbindAddress } from '@parley/db';
import { z } from 'zod';
import { can, router, tenantProcedure } from '../trpc';

export const bindingsRouter = router({
  /** The tenant's phone numbers and resource accounts and the flows they route to. */
  list: tenantProcedure(can.read).query(({ ctx }) => listBindings(ctx.db, ctx.tenantId)),

  /**
   * Routes an E.164 number (`+14255550100`) or a Teams resource account to a flow, re-pointing it if
   * it was bound already; CONFLICT when another tenant holds it.
   */
  bind: tenantProcedure(can.administer)
    .input(
      z.object({ kind: z.enum(BINDING_KINDS), address: z.string().trim().min(1).max(320), flowId: z.uuid() }),
    )
    .mutation(({ ctx, input }) => bindAddress(ctx.db, ctx.tenantId, input, ctx.userId)),

  /** Stops routing an address; its calls then find no flow. */
  unbind: tenantProcedure(can.administer)
    .input(z.object({ bindingId: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      await unbindAddress(ctx.db, ctx.tenantId, input.bindingId, ctx.userId);
      return { bindingId: input.bindingId };
    }),
});
