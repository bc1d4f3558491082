import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../client';
import { ConflictError, NotFoundError } from '../errors';
import { checkId, checkIds, parseInput, uniquely } from '../input';
import { bindings, flows, flowVersions } from '../schema';
import { audit } from './audit';

export type Flow = typeof flows.$inferSelect;
export type FlowSummary = Omit<Flow, 'draft' | 'archivedAt'>;

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
  return db
    .select(summaryColumns)
    .from(flows)
    .where(and(eq(flows.tenantId, tenantId), isNull(flows.archivedAt)))
    .orderBy(asc(flows.name));
}

/**
 * Deletes a flow. A flow never published goes for good; a published one is archived instead (hidden,
 * renamed so its name is free again), because its versions stay for the calls that ran them. A flow
 * that numbers still route to is refused with ConflictError naming them: unbind them first.
 */
export async function deleteFlow(
  db: Db,
  tenantId: string,
  flowId: string,
  actorId: string,
): Promise<{ archived: boolean }> {
  checkIds(tenantId, 'flow', flowId);
  return db.transaction(async (tx) => {
    const [flow] = await tx
      .select()
      .from(flows)
      .where(and(eq(flows.tenantId, tenantId), eq(flows.id, flowId), isNull(flows.archivedAt)))
      .for('update');
    if (!flow) throw new NotFoundError('flow', flowId);
    const bound = await tx
      .select({ address: bindings.address })
      .from(bindings)
      .where(and(eq(bindings.tenantId, tenantId), eq(bindings.flowId, flowId)));
    if (bound.length > 0) {
      throw new ConflictError(
        `${bound.map((b) => b.address).join(', ')} still ${bound.length === 1 ? 'routes' : 'route'} to "${flow.name}": bind ${bound.length === 1 ? 'it' : 'them'} to another flow or unbind first`,
        { bindings: bound.map((b) => b.address) },
      );
    }
    const [version] = await tx
      .select({ number: flowVersions.number })
      .from(flowVersions)
      .where(and(eq(flowVersions.tenantId, tenantId), eq(flowVersions.flowId, flowId)))
      .limit(1);
    const archived = version !== undefined;
    if (archived) {
      await tx
        .update(flows)
        .set({
          archivedAt: sql`now()`,
          name: `${flow.name} (deleted ${new Date().toISOString()})`,
          updatedBy: actorId,
        })
        .where(eq(flows.id, flowId));
    } else {
      await tx.delete(flows).where(eq(flows.id, flowId));
    }
    await audit(tx, {
      tenantId,
      actorId,
      action: archived ? 'flow.archived' : 'flow.deleted',
      subjectType: 'flow',
      subjectId: flowId,
      details: { name: flow.name },
    });
    return { archived };
  });
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
    .where(
      and(
        eq(flows.tenantId, tenantId),
        eq(flows.id, flowId),
        eq(flows.revision, expectedRevision),
        isNull(flows.archivedAt),
      ),
    )
    .returning(summaryColumns);
  if (saved) return saved;
  const current = await getFlow(db, tenantId, flowId); // NotFoundError when it is not this tenant's flow
  if (current.archivedAt) throw new NotFoundError('flow', flowId);
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
