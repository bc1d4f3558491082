import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@parley/db';
import type { Problem } from '@parley/flow-schema';
import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';

/**
 * The repositories' typed errors as tRPC errors; the original stays the `cause`, where the error
 * formatter finds the problems and conflict details it sends along.
 */
export function toTRPCError(error: TRPCError): TRPCError {
  const cause = error.cause;
  if (cause instanceof NotFoundError)
    return new TRPCError({ code: 'NOT_FOUND', message: cause.message, cause });
  if (cause instanceof ConflictError)
    return new TRPCError({ code: 'CONFLICT', message: cause.message, cause });
  if (cause instanceof ValidationError)
    return new TRPCError({ code: 'BAD_REQUEST', message: cause.message, cause });
  if (cause instanceof ForbiddenError)
    return new TRPCError({ code: 'FORBIDDEN', message: cause.message, cause });
  return error;
}

/** What a client gets in `error.data` beyond tRPC's own fields. */
export interface ParleyErrorData {
  /** Why the input cannot be stored or published, in flow-schema's terms. */
  problems: Problem[] | null;
  /** What a client needs to recover from a lost race, like who saved the draft and its revision. */
  conflict: Record<string, unknown> | null;
}

/** The problems and conflict details behind an error, for the error formatter. */
export function errorData(error: TRPCError): ParleyErrorData {
  const cause = error.cause;
  if (cause instanceof ValidationError) return { problems: cause.problems, conflict: null };
  if (cause instanceof ConflictError) return { problems: null, conflict: cause.details };
  if (cause instanceof ZodError) {
    return {
      problems: cause.issues.map((issue) => ({
        nodeId: null,
        field: issue.path.join('.') || undefined,
        code: 'invalid-value',
        message: issue.message,
      })),
      conflict: null,
    };
  }
  return { problems: null, conflict: null };
}
