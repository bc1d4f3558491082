import { createPrompt, getPrompt, listPrompts, ValidationError } from '@parley/db';
import { z } from 'zod';
import { can, router, tenantProcedure } from '../trpc';

/** Uploaded audio travels as base64 in JSON; larger files belong in object storage (`storageKey`). */
const MAX_AUDIO_BYTES = 5 * 1024 * 1024;

export const promptsRouter = router({
  list: tenantProcedure(can.read).query(({ ctx }) => listPrompts(ctx.db, ctx.tenantId)),

  get: tenantProcedure(can.read)
    .input(z.object({ promptId: z.uuid() }))
    .query(({ ctx, input }) => getPrompt(ctx.db, ctx.tenantId, input.promptId)),

  /** A recorded prompt: its audio inline (base64) or the key of a file in object storage. */
  create: tenantProcedure(can.design)
    .input(
      z.object({
        name: z.string().trim().min(1).max(200),
        language: z.string().min(2).max(35),
        contentType: z.string().min(1).max(100),
        audioBase64: z
          .base64()
          .max(Math.ceil(MAX_AUDIO_BYTES / 3) * 4)
          .optional(),
        storageKey: z.string().min(1).max(1024).optional(),
        sizeBytes: z.number().int().nonnegative().optional(),
        durationMs: z.number().int().nonnegative().optional(),
      }),
    )
    .mutation(({ ctx, input }) => {
      const { audioBase64, ...rest } = input;
      if ((audioBase64 === undefined) === (input.storageKey === undefined)) {
        throw new ValidationError([
          {
            nodeId: null,
            field: 'audioBase64',
            code: 'invalid-value',
            message: 'give either the audio (audioBase64) or a storageKey',
          },
        ]);
      }
      const bytes =
        audioBase64 === undefined ? undefined : new Uint8Array(Buffer.from(audioBase64, 'base64'));
      return createPrompt(ctx.db, ctx.tenantId, { ...rest, ...(bytes ? { bytes } : {}) });
    }),
});
