import {
  ConflictError,
  createFlow,
  type Db,
  deleteFlow,
  getFlow,
  getVersion,
  listFlows,
  listSchedules,
  listVersions,
  referenceResolver,
  renameFlow,
  saveDraft,
  userNames,
} from '@parley/db';
import { parseFlow, validateFlow } from '@parley/flow-schema';
import { z } from 'zod';
import { businessHoursAt } from '../business-hours';
import { exportFileName, parseDocument, parseJsonText, starterDocument, withName } from '../flow-documents';
import { can, router, tenantProcedure } from '../trpc';
import { userRef } from '../users';

const flowName = z.string().trim().min(1).max(200);
const flowRef = z.object({ flowId: z.uuid() });
/** A draft as the designer holds it: any JSON object (drafts may be unfinished; publish validates). */
const draftDocument = z.record(z.string(), z.unknown());
const MAX_IMPORT_CHARS = 5_000_000;

export const flowsRouter = router({
  /** The tenant's flows by name, without drafts; `search` matches names, case-insensitively. */
  list: tenantProcedure(can.read)
    .input(z.object({ search: z.string().trim().max(200).optional() }))
    .query(async ({ ctx, input }) => {
      const term = input.search?.toLowerCase();
      const flows = (await listFlows(ctx.db, ctx.tenantId)).filter(
        (f) => !term || f.name.toLowerCase().includes(term),
      );
      const names = await userNames(
        ctx.db,
        flows.map((f) => f.updatedBy),
      );
      return flows.map((f) => ({
        ...f,
        updatedByName: f.updatedBy ? (names.get(f.updatedBy) ?? null) : null,
      }));
    }),

  /** A flow with its draft, its revision, who saved it last, and the version calls run now. */
  get: tenantProcedure(can.read)
    .input(flowRef)
    .query(async ({ ctx, input }) => {
      const flow = await getFlow(ctx.db, ctx.tenantId, input.flowId);
      const [versions, updatedBy] = await Promise.all([
        listVersions(ctx.db, ctx.tenantId, flow.id),
        userRef(ctx.db, flow.updatedBy),
      ]);
      return {
        ...flow,
        updatedBy,
        live: versions.find((v) => v.number === flow.liveVersion) ?? null,
        latestVersion: versions[0]?.number ?? null,
      };
    }),

  /** A new flow; its first draft is the given document or a starter (incoming call → hang up). */
  create: tenantProcedure(can.design)
    .input(z.object({ name: flowName, document: draftDocument.optional() }))
    .mutation(async ({ ctx, input }) => {
      const document = input.document ? withName(input.document, input.name) : starterDocument(input.name);
      return createFlow(ctx.db, ctx.tenantId, { name: input.name, document }, ctx.userId);
    }),

  rename: tenantProcedure(can.design)
    .input(flowRef.extend({ name: flowName }))
    .mutation(async ({ ctx, input }) => {
      await renameFlow(ctx.db, ctx.tenantId, input.flowId, input.name);
      return getFlow(ctx.db, ctx.tenantId, input.flowId).then(({ draft: _, ...summary }) => summary);
    }),

  /**
   * Deletes a flow: for good when it was never published, else archived (its versions stay for the calls
   * that ran them). CONFLICT naming the numbers while any still route to it.
   */
  delete: tenantProcedure(can.design)
    .input(flowRef)
    .mutation(({ ctx, input }) => deleteFlow(ctx.db, ctx.tenantId, input.flowId, ctx.userId)),

  /** A new flow with a copy of another's draft, named `… (copy)` unless a name is given. */
  duplicate: tenantProcedure(can.design)
    .input(flowRef.extend({ name: flowName.optional() }))
    .mutation(async ({ ctx, input }) => {
      const source = await getFlow(ctx.db, ctx.tenantId, input.flowId);
      const name = input.name ?? (await freeCopyName(ctx.db, ctx.tenantId, source.name));
      return createFlow(ctx.db, ctx.tenantId, { name, document: withName(source.draft, name) }, ctx.userId);
    }),

  /**
   * A new flow from an exported document (an object, or its JSON text). A document whose shape is
   * wrong is refused with its problems; one that is only unfinished is imported, with its problems.
   */
  import: tenantProcedure(can.design)
    .input(
      z.object({
        name: flowName.optional(),
        document: z.union([z.string().max(MAX_IMPORT_CHARS), draftDocument]),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const raw = typeof input.document === 'string' ? parseJsonText(input.document) : input.document;
      const parsed = parseDocument(raw);
      const name = input.name ?? parsed.name;
      const document = { ...parsed, name };
      const flow = await createFlow(ctx.db, ctx.tenantId, { name, document }, ctx.userId);
      const problems = validateFlow(document, { resolver: await referenceResolver(ctx.db, ctx.tenantId) });
      return { flow, problems };
    }),

  /** The draft (or a published version) as a document to download and import elsewhere. */
  export: tenantProcedure(can.read)
    .input(flowRef.extend({ version: z.number().int().positive().optional() }))
    .query(async ({ ctx, input }) => {
      const flow = await getFlow(ctx.db, ctx.tenantId, input.flowId);
      const document =
        input.version === undefined
          ? flow.draft
          : (await getVersion(ctx.db, ctx.tenantId, flow.id, input.version)).document;
      return { fileName: exportFileName(flow.name, input.version ?? null), document };
    }),

  /**
   * Saves the draft if nobody saved since `expectedRevision`; otherwise CONFLICT, whose data names
   * who saved it, when, and the revision to reload.
   */
  saveDraft: tenantProcedure(can.design)
    .input(flowRef.extend({ document: draftDocument, expectedRevision: z.number().int().positive() }))
    .mutation(async ({ ctx, input }) => {
      try {
        return await saveDraft(
          ctx.db,
          ctx.tenantId,
          input.flowId,
          input.document,
          input.expectedRevision,
          ctx.userId,
        );
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        const current = await getFlow(ctx.db, ctx.tenantId, input.flowId);
        const by = await userRef(ctx.db, current.updatedBy);
        const who = by === null ? 'Someone' : by.id === ctx.userId ? 'You (in another window)' : by.name;
        throw new ConflictError(
          `${who} saved "${current.name}" at ${current.updatedAt.toISOString()} (revision ${current.revision}; yours was based on ${input.expectedRevision}): reload the flow and apply your changes again`,
          {
            ...error.details,
            currentRevision: current.revision,
            updatedBy: by,
            updatedAt: current.updatedAt.toISOString(),
          },
        );
      }
    }),

  /** Every problem of the stored draft (or of unsaved edits), tenant references included. */
  validate: tenantProcedure(can.read)
    .input(flowRef.extend({ document: draftDocument.optional() }))
    .query(async ({ ctx, input }) => {
      const flow = await getFlow(ctx.db, ctx.tenantId, input.flowId);
      const parsed = parseFlow(input.document ?? flow.draft);
      if (!parsed.ok) return { revision: flow.revision, problems: parsed.problems };
      const resolver = await referenceResolver(ctx.db, ctx.tenantId);
      return { revision: flow.revision, problems: validateFlow(parsed.document, { resolver }) };
    }),

  /**
   * Which branch each business-hours node takes at a date-time (`2026-12-25T09:00` on the flow's clock,
   * or with an offset), in the draft or a published version, with the tenant's schedules.
   */
  when: tenantProcedure(can.read)
    .input(
      flowRef.extend({
        at: z.string().trim().min(10).max(40),
        version: z.number().int().positive().optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const flow = await getFlow(ctx.db, ctx.tenantId, input.flowId);
      const raw =
        input.version === undefined
          ? flow.draft
          : (await getVersion(ctx.db, ctx.tenantId, flow.id, input.version)).document;
      const schedules = await listSchedules(ctx.db, ctx.tenantId);
      return businessHoursAt(
        parseDocument(raw),
        input.at,
        Object.fromEntries(schedules.map((s) => [s.id, s.definition])),
      );
    }),
});

async function freeCopyName(db: Db, tenantId: string, name: string): Promise<string> {
  const taken = new Set((await listFlows(db, tenantId)).map((f) => f.name));
  const base = name.slice(0, 180);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${base} (copy)` : `${base} (copy ${n})`;
    if (!taken.has(candidate)) return candidate;
  }
}
