import { createSipTrunk, deleteSipTrunk, listSipTrunks, updateSipTrunk } from '@parley/db';
import { z } from 'zod';
import { can, router, tenantProcedure } from '../trpc';

// Shapes only: the repository checks the FQDN and the addresses and says which field is wrong.
const fields = {
  name: z.string().trim().min(1).max(200),
  fqdn: z.string().max(254).nullable(),
  addresses: z.array(z.string().max(100)).max(50),
};

export const trunksRouter = router({
  /** The SBCs that send the tenant's calls over SIP (Direct Routing). */
  list: tenantProcedure(can.read).query(({ ctx }) => listSipTrunks(ctx.db, ctx.tenantId)),

  /** Adds an SBC by FQDN, source addresses or both; CONFLICT when any tenant has the FQDN already. */
  create: tenantProcedure(can.administer)
    .input(z.object({ ...fields, fqdn: fields.fqdn.optional() }))
    .mutation(({ ctx, input }) => createSipTrunk(ctx.db, ctx.tenantId, input, ctx.userId)),

  /** Changes what the patch gives (`fqdn: null` removes the FQDN). */
  update: tenantProcedure(can.administer)
    .input(z.object({ trunkId: z.uuid(), ...z.object(fields).partial().shape }))
    .mutation(({ ctx, input }) => {
      const { trunkId, ...patch } = input;
      return updateSipTrunk(ctx.db, ctx.tenantId, trunkId, patch, ctx.userId);
    }),

  /** Removes a trunk; calls from that SBC then find no tenant. */
  delete: tenantProcedure(can.administer)
    .input(z.object({ trunkId: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      await deleteSipTrunk(ctx.db, ctx.tenantId, input.trunkId, ctx.userId);
      return { trunkId: input.trunkId };
    }),
});
