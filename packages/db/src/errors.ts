import type { Problem } from '@parley/flow-schema';

/** The thing asked for does not exist for this tenant (or at all: callers cannot tell, on purpose). */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${id} not found`);
  }
}

/** The write lost a race or collides with existing data (a stale revision, a taken name or number). */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
  constructor(
    message: string,
    /** What a client needs to recover, like the current revision of a flow. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** The input cannot be stored or published; `problems` say where and why, in flow-schema's terms. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(
    readonly problems: Problem[],
    message = `${problems.length} problem(s): ${problems.map((p) => p.message).join('; ')}`,
  ) {
    super(message);
  }
}

/** The user lacks the role the action needs in this tenant. */
export class ForbiddenError extends Error {
  override readonly name = 'ForbiddenError';
}
