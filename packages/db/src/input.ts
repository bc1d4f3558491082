import type { z } from 'zod';
import { ConflictError, NotFoundError, ValidationError } from './errors';
import { isUniqueViolation } from './pg-errors';

/** Parses repository input at the boundary; a bad field becomes a ValidationError naming it. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ValidationError(
    parsed.error.issues.map((issue) => ({
      nodeId: null,
      field: issue.path.join('.') || undefined,
      code: 'invalid-value' as const,
      message: issue.message,
    })),
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ids arrive from URLs and flow documents. One that is not a uuid cannot name a row, and would make
 * PostgreSQL fail the whole query on the cast, so it is simply not found.
 */
export function checkId(entity: string, id: string): void {
  if (!UUID.test(id)) throw new NotFoundError(entity, id);
}

/** checkId for the tenant and for the row asked of it. */
export function checkIds(tenantId: string, entity: string, id: string): void {
  checkId('tenant', tenantId);
  checkId(entity, id);
}

/** Whether a string is shaped like a row id. */
export function isId(id: string): boolean {
  return UUID.test(id);
}

/** Runs an insert and turns a unique violation into a ConflictError that says what is taken. */
export async function uniquely<T>(write: Promise<T>, message: string): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(message);
    throw error;
  }
}
