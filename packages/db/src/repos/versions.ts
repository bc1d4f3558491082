import {
  type CompiledFlow,
  compileFlow,
  type FlowDocument,
  parseFlow,
  type ReferenceResolver,
} from '@parley/flow-schema';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { NotFoundError, ValidationError } from '../errors';
import { checkIds } from '../input';
import { bumpRoutingGeneration } from '../routing-generation';
import { flows, flowVersions } from '../schema';
import { audit } from './audit';
import { referenceResolver } from './references';

export type FlowVersion = typeof flowVersions.$inferSelect;
export type FlowVersionSummary = Omit<FlowVersion, 'document' | 'compiled'>;

export interface PublishOptions {
  actorId: string;
  note?: string;
  /** Checks references; by default, the tenant's queues, schedules, prompts, flows and skills. */
  resolver?: ReferenceResolver;
}

const summaryColumns = {
  tenantId: flowVersions.tenantId,
  flowId: flowVersions.flowId,
  number: flowVersions.number,
  hash: flowVersions.hash,
  compilerVersion: flowVersions.compilerVersion,
  draftRevision: flowVersions.draftRevision,
  publishedBy: flowVersions.publishedBy,
  publishedAt: flowVersions.publishedAt,
  note: flowVersions.note,
};

/**
 * Publishes the current draft as the next version and makes it live, or throws ValidationError with
 * the draft's problems and writes nothing. The flow row stays locked from reading the draft to the
 * commit, so concurrent publishes get consecutive numbers and each publishes the draft it validated.
 */
export async function publishFlow(
  db: Db,
  tenantId: string,
  flowId: string,
  opts: PublishOptions,
): Promise<FlowVersion> {
  checkIds(tenantId, 'flow', flowId);
  const resolver = opts.resolver ?? (await referenceResolver(db, tenantId));
  return db.transaction(async (tx) => {
    const [flow] = await tx
      .select()
      .from(flows)
      .where(and(eq(flows.tenantId, tenantId), eq(flows.id, flowId)))
      .for('update');
    if (!flow) throw new NotFoundError('flow', flowId);
    const { document, compiled } = compileDraft(flow.draft, resolver);
    const [last] = await tx
      .select({ number: sql<number>`coalesce(max(${flowVersions.number}), 0)`.mapWith(Number) })
      .from(flowVersions)
      .where(eq(flowVersions.flowId, flowId));
    const number = (last?.number ?? 0) + 1;
    const [version] = await tx
      .insert(flowVersions)
      .values({
        tenantId,
        flowId,
        number,
        document,
        compiled,
        hash: compiled.hash,
        compilerVersion: compiled.compilerVersion,
        draftRevision: flow.revision,
        publishedBy: opts.actorId,
        note: opts.note ?? '',
      })
      .returning();
    await tx.update(flows).set({ liveVersion: number }).where(eq(flows.id, flowId));
    await bumpRoutingGeneration(tx, tenantId);
    await audit(tx, {
      tenantId,
      actorId: opts.actorId,
      action: 'flow.publish',
      subjectType: 'flow',
      subjectId: flowId,
      details: { version: number, previous: flow.liveVersion, hash: compiled.hash, note: opts.note ?? '' },
    });
    return version!;
  });
}

/** Parses, validates and compiles a draft with flow-schema; ValidationError when it is not publishable. */
export function compileDraft(
  draft: unknown,
  resolver?: ReferenceResolver,
): { document: FlowDocument; compiled: CompiledFlow } {
  const parsed = parseFlow(draft);
  if (!parsed.ok) throw new ValidationError(parsed.problems);
  const result = compileFlow(parsed.document, resolver ? { resolver } : {});
  if (!result.ok) throw new ValidationError(result.problems);
  return { document: parsed.document, compiled: result.compiled };
}

/** Makes an earlier (or any existing) version live again; NotFoundError when there is no such version. */
export async function rollbackFlow(
  db: Db,
  tenantId: string,
  flowId: string,
  toVersion: number,
  actorId: string,
): Promise<FlowVersionSummary> {
  checkIds(tenantId, 'flow', flowId);
  return db.transaction(async (tx) => {
    const [flow] = await tx
      .select({ liveVersion: flows.liveVersion })
      .from(flows)
      .where(and(eq(flows.tenantId, tenantId), eq(flows.id, flowId)))
      .for('update');
    if (!flow) throw new NotFoundError('flow', flowId);
    const [version] = await tx
      .select(summaryColumns)
      .from(flowVersions)
      .where(
        and(
          eq(flowVersions.tenantId, tenantId),
          eq(flowVersions.flowId, flowId),
          eq(flowVersions.number, toVersion),
        ),
      );
    if (!version) throw new NotFoundError('flow version', `${flowId}@${toVersion}`);
    await tx.update(flows).set({ liveVersion: toVersion }).where(eq(flows.id, flowId));
    await bumpRoutingGeneration(tx, tenantId);
    await audit(tx, {
      tenantId,
      actorId,
      action: 'flow.rollback',
      subjectType: 'flow',
      subjectId: flowId,
      details: { version: toVersion, previous: flow.liveVersion },
    });
    return version;
  });
}

/** A flow's published versions, newest first, without their documents. */
export async function listVersions(db: Db, tenantId: string, flowId: string): Promise<FlowVersionSummary[]> {
  checkIds(tenantId, 'flow', flowId);
  return db
    .select(summaryColumns)
    .from(flowVersions)
    .where(and(eq(flowVersions.tenantId, tenantId), eq(flowVersions.flowId, flowId)))
    .orderBy(desc(flowVersions.number));
}

/** One published version with its document and compiled machine. */
export async function getVersion(
  db: Db,
  tenantId: string,
  flowId: string,
  number: number,
): Promise<FlowVersion> {
  checkIds(tenantId, 'flow', flowId);
  const [version] = await db
    .select()
    .from(flowVersions)
    .where(
      and(
        eq(flowVersions.tenantId, tenantId),
        eq(flowVersions.flowId, flowId),
        eq(flowVersions.number, number),
      ),
    );
  if (!version) throw new NotFoundError('flow version', `${flowId}@${number}`);
  return version;
}

/**
 * Just the compiled machine of one published version, for a runtime starting or resuming a call on it;
 * NotFoundError when the flow has no such version.
 */
export async function getCompiledVersion(
  db: Db,
  tenantId: string,
  flowId: string,
  number: number,
): Promise<CompiledFlow> {
  checkIds(tenantId, 'flow', flowId);
  const [version] = await db
    .select({ compiled: flowVersions.compiled })
    .from(flowVersions)
    .where(
      and(
        eq(flowVersions.tenantId, tenantId),
        eq(flowVersions.flowId, flowId),
        eq(flowVersions.number, number),
      ),
    );
  if (!version) throw new NotFoundError('flow version', `${flowId}@${number}`);
  return version.compiled;
}

/** The version calls to this flow run now; null when the flow was never published. */
export async function getLiveVersion(db: Db, tenantId: string, flowId: string): Promise<FlowVersion | null> {
  checkIds(tenantId, 'flow', flowId);
  const [row] = await db
    .select({ version: flowVersions, flowId: flows.id })
    .from(flows)
    .leftJoin(
      flowVersions,
      and(eq(flowVersions.flowId, flows.id), eq(flowVersions.number, flows.liveVersion)),
    )
    .where(and(eq(flows.tenantId, tenantId), eq(flows.id, flowId)));
  if (!row) throw new NotFoundError('flow', flowId);
  return row.version;
}
