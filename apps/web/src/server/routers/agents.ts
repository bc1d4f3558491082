import { createAgent, getAgent, listAgents, updateAgent } from '@parley/db';
import { z } from 'zod';
import { can, router, tenantProcedure } from '../trpc';

export const agentsRouter = router({
  list: tenantProcedure(can.read).query(({ ctx }) => listAgents(ctx.db, ctx.tenantId)),

  get: tenantProcedure(can.read)
    .input(z.object({ agentId: z.uuid() }))
    .query(({ ctx, input }) => getAgent(ctx.db, ctx.tenantId, input.agentId)),

  /** A Teams user who takes queue calls, with skills from 1 (learning) to 5 (expert). */
  create: tenantProcedure(can.design)
    .input(
      z.object({
        teamsUserId: z.string().trim().min(1).max(320),
        displayName: z.string().trim().min(1).max(200),
        /** +E.164 or a sip:/sips: URI the SIP adapter rings for queue calls; checked by the repository. */
        sipTarget: z.string().max(320).nullish(),
        skills: z
          .array(z.object({ skillId: z.uuid(), proficiency: z.number().int().min(1).max(5) }))
          .max(50)
          .optional(),
      }),
    )
    .mutation(({ ctx, input }) => createAgent(ctx.db, ctx.tenantId, input)),

  /** Changes an agent's display name or SIP target (empty or null clears the target). */
  update: tenantProcedure(can.design)
    .input(
      z.object({
        agentId: z.uuid(),
        displayName: z.string().trim().min(1).max(200).optional(),
        sipTarget: z.string().max(320).nullish(),
      }),
    )
    .mutation(({ ctx, input }) => {
      const { agentId, ...patch } = input;
      return updateAgent(ctx.db, ctx.tenantId, agentId, patch);
    }),
});
