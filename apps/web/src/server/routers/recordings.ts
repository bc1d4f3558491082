import { listCallRecordings } from '@parley/db';
import { z } from 'zod';
import { can, router, tenantProcedure } from '../trpc';

export const recordingsRouter = router({
  /**
   * Voicemail messages, newest first, with the call's numbers and flow; the audio is at
   * `/api/recordings/{id}/audio`.
   */
  list: tenantProcedure(can.read)
    .input(z.object({ callId: z.uuid().optional(), limit: z.number().int().min(1).max(500).optional() }))
    .query(({ ctx, input }) => listCallRecordings(ctx.db, ctx.tenantId, input)),
});
