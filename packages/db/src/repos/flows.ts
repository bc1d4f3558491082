import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../client';
import { ConflictError, NotFoundError } from '../errors';
import { checkId, checkIds, parseInput, uniquely } from '../input';
import { flows } from '../schema';
import { audit } from './audit';

export type Flow = typeof flows.$inferSelect;
export type FlowSummary = Omit<Flow, 'draft'>;

// Drafts may be unfinished or invalid, so only their outer shape is checked here; publish validates.
const draftSchema = z.record(z.string(), z.unknown(), 'a flow document is a JSON object');
const flowInput = z.object({ name: z.string().trim().min(1).max(200), document: draftSchema });

const summaryColumns = {
  id: flows.id,
  tenantId: flows.tenantId,
  name: flows.name,
  revision: flows.revision,
  liveVersion: flows.liveVersion,
  updatedBy: flows.updatedBy,
  createdAt: flows.createdAt,
  updatedAt: flows.updatedAt,
};

/** Creates a flow with its first draft (revision 1); ConflictError when the name is taken in the tenant. */
export async function createFlow(
  db: Db,
  tenantId: string,
  input: { name: string; document: unknown },
  actorId: string,
): Promise<Flow> {
  checkId('tenant', tenantId);
  const { name, document } = parseInput(flowInput, input);
  return db.transaction(async (tx) => {
    const [flow] = await uniquely(
      tx.insert(flows).values({ tenantId, name, draft: document, updatedBy: actorId }).returning(),
      `a flow named "${name}" exists`,
    );
    await audit(tx, {
      tenantId,
      actorId,
      action: 'flow.create',
      subjectType: 'flow',
      subjectId: flow!.id,
      details: { name },
    });
    return flow!;
  });
}

/** A flow with its draft. */
export async function getFlow(db: Db, tenantId: string, flowId: string): Promise<Flow> {
  checkIds(tenantId, 'flow', flowId);
  const [flow] = await db
    .select()
    .from(flows)
    .where(and(eq(flows.tenantId, tenantId), eq(flows.id, flowId)));
  if (!flow) throw new NotFoundError('flow', flowId);
  return flow;
}

/** The tenant's flows by name, without their drafts. */
export async function listFlows(db: Db, tenantId: string): Promise<FlowSummary[]> {
  checkId('tenant', tenantId);
  return db.select(summaryColumns).from(flows).where(eq(flows.tenantId, tenantId)).orderBy(asc(flows.name));
}

/**
 * Saves a draft if nobody saved since `expectedRevision` was read, and returns the new revision.
 * The check and the write are one UPDATE, so two editors racing cannot both win.
 */
export async function saveDraft(
  db: Db,
  tenantId: string,
  flowId: string,
  document: unknown,
  expectedRevision: number,
  actorId: string,
): Promise<FlowSummary> {
  checkIds(tenantId, 'flow', flowId);
  const draft = parseInput(draftSchema, document);
  const [saved] = await db
    .update(flows)
    .set({ draft, revision: sql`${flows.revision} + 1`, updatedBy: actorId, updatedAt: sql`now()` })
    .where(and(eq(flows.tenantId, tenantId), eq(flows.id, flowId), eq(flows.revision, expectedRevision)))
    .returning(summaryColumns);
  if (saved) return saved;
  const current = await getFlow(db, tenantId, flowId); // NotFoundError when it is not this tenant's flow
  throw new ConflictError(
    `flow "${current.name}" was saved by someone else (revision ${current.revision}, you had ${expectedRevision}): reload it and apply your changes again`,
    { currentRevision: current.revision },
  );
}

/** Renames a flow. */
export async function renameFlow(db: Db, tenantId: string, flowId: string, name: string): Promise<void> {
  checkIds(tenantId, 'flow', flowId);
  const valid = parseInput(flowInput.shape.name, name);
  const renamed = await uniquely(
    db
      .update(flows)
      .set({ name: valid, updatedAt: sql`now()` })
      .where(and(eq(flows.tenantId, tenantId), eq(flows.id, flowId)))
      .returning({ id: flows.id }),
    `a flow named "${valid}" exists`,
  );
  if (renamed.length === 0) throw new NotFoundError('flow', flowId);
}
