import {
  ConflictError,
  type Db,
  getCompiledVersion,
  getFlow,
  getPromptAudio,
  getVersion,
  listVersions,
  publishFlow,
  rollbackFlow,
} from '@parley/db';
import { type CompiledFlow, diffFlows, type FlowDocument, fixedPrompts } from '@parley/flow-schema';
import { PromptCache, PromptRenderer } from '@parley/rtp';
import { z } from 'zod';
import { loadConfig } from '../config';
import { parseDocument } from '../flow-documents';
import { can, router, tenantProcedure } from '../trpc';
import { userRef } from '../users';

const flowRef = z.object({ flowId: z.uuid() });
const versionNumber = z.number().int().positive();
/** One side of a diff: a published version's number, or the current draft. */
const side = z.union([versionNumber, z.literal('draft')]);

export const versionsRouter = router({
  /** A flow's published versions, newest first, with who published each. */
  list: tenantProcedure(can.read)
    .input(flowRef)
    .query(async ({ ctx, input }) => {
      await getFlow(ctx.db, ctx.tenantId, input.flowId); // NOT_FOUND rather than an empty list
      const versions = await listVersions(ctx.db, ctx.tenantId, input.flowId);
      const people = new Map(
        await Promise.all(
          [...new Set(versions.map((v) => v.publishedBy))].map(
            async (id) => [id, await userRef(ctx.db, id)] as const,
          ),
        ),
      );
      return versions.map((v) => ({ ...v, publishedBy: people.get(v.publishedBy) ?? null }));
    }),

  /** One version with its document and the statechart it compiled to. */
  get: tenantProcedure(can.read)
    .input(flowRef.extend({ number: versionNumber }))
    .query(({ ctx, input }) => getVersion(ctx.db, ctx.tenantId, input.flowId, input.number)),

  /**
   * Publishes the draft as the next version and makes it live; BAD_REQUEST with its problems when it
   * is not valid. With `expectedRevision`, CONFLICT when the draft changed since it was reviewed.
   * Then renders the version's prompts for SIP calls; `promptWarnings` names those that could not be.
   */
  publish: tenantProcedure(can.publish)
    .input(
      flowRef.extend({
        note: z.string().trim().max(500).optional(),
        expectedRevision: z.number().int().positive().optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      if (input.expectedRevision !== undefined) {
        const flow = await getFlow(ctx.db, ctx.tenantId, input.flowId);
        if (flow.revision !== input.expectedRevision) {
          throw new ConflictError(
            `the draft changed since you reviewed it (revision ${flow.revision}, you reviewed ${input.expectedRevision}): review it again before publishing`,
            { currentRevision: flow.revision },
          );
        }
      }
      const version = await publishFlow(ctx.db, ctx.tenantId, input.flowId, {
        actorId: ctx.userId,
        ...(input.note ? { note: input.note } : {}),
      });
      const { document: _document, compiled, ...summary } = version;
      // After the commit: the version is live whatever happens to its prompts.
      return { ...summary, promptWarnings: await renderPrompts(ctx.db, ctx.tenantId, compiled) };
    }),

  /**
   * Makes an earlier version live again (calls in progress stay on the version they started with), and
   * makes sure its prompts are rendered: the cache may have been emptied since it was published.
   */
  rollback: tenantProcedure(can.publish)
    .input(flowRef.extend({ toVersion: versionNumber }))
    .mutation(async ({ ctx, input }) => {
      const version = await rollbackFlow(ctx.db, ctx.tenantId, input.flowId, input.toVersion, ctx.userId);
      const compiled = await getCompiledVersion(ctx.db, ctx.tenantId, input.flowId, input.toVersion);
      return { ...version, promptWarnings: await renderPrompts(ctx.db, ctx.tenantId, compiled) };
    }),

  /** What changed from one version (or the draft) to another, positions aside. */
  diff: tenantProcedure(can.read)
    .input(flowRef.extend({ from: side, to: side }))
    .query(async ({ ctx, input }) => {
      const [from, to] = await Promise.all([
        documentOf(ctx.db, ctx.tenantId, input.flowId, input.from),
        documentOf(ctx.db, ctx.tenantId, input.flowId, input.to),
      ]);
      return { from: input.from, to: input.to, diff: diffFlows(from, to) };
    }),
});

async function documentOf(
  db: Db,
  tenantId: string,
  flowId: string,
  which: number | 'draft',
): Promise<FlowDocument> {
  const raw =
    which === 'draft'
      ? (await getFlow(db, tenantId, flowId)).draft
      : (await getVersion(db, tenantId, flowId, which)).document;
  return parseDocument(raw);
}

/**
 * Renders a version's fixed prompts into the prompt cache the runtime plays from, in both G.711 codecs,
 * so no call waits for text to speech. Never fails the publish: returns what could not be rendered.
 */
async function renderPrompts(db: Db, tenantId: string, compiled: CompiledFlow): Promise<string[]> {
  const { prompts } = loadConfig();
  const renderer = new PromptRenderer({
    cache: new PromptCache(prompts.cacheDir),
    defaultLanguage: prompts.defaultLanguage,
    loadAudio: (promptId) => getPromptAudio(db, tenantId, promptId),
  });
  const failures = await renderer.renderAll(fixedPrompts(compiled));
  return failures.map((failure) => failure.error.message);
}
