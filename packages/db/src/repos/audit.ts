import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { checkId } from '../input';
import { auditLog } from '../schema';

export type AuditEntry = typeof auditLog.$inferSelect;

export interface AuditInput {
  tenantId: string;
  /** The user who acted; null when Parley acted on its own. */
  actorId: string | null;
  /** `<subject>.<verb>`, like `flow.publish`. */
  action: string;
  subjectType: string;
  subjectId: string;
  details?: Record<string, unknown>;
}

/** Records who did what; pass the transaction of the change so both commit or neither does. */
export async function audit(tx: Db, entry: AuditInput): Promise<void> {
  await tx.insert(auditLog).values({ ...entry, details: entry.details ?? {} });
}

/** A tenant's audit trail, newest first, optionally for one subject. */
export async function listAudit(
  db: Db,
  tenantId: string,
  opts: { subjectType?: string; subjectId?: string; limit?: number } = {},
): Promise<AuditEntry[]> {
  checkId('tenant', tenantId);
  const where: SQL[] = [eq(auditLog.tenantId, tenantId)];
  if (opts.subjectType) where.push(eq(auditLog.subjectType, opts.subjectType));
  if (opts.subjectId) where.push(eq(auditLog.subjectId, opts.subjectId));
  return db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(opts.limit ?? 100);
}
