/** SQLSTATE codes Parley reacts to. */
export const PG = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  checkViolation: '23514',
} as const;

/**
 * The SQLSTATE of a database error. drizzle wraps driver errors in DrizzleQueryError, and the two
 * drivers name their error classes differently, so walk the causes and read `code`.
 */
export function sqlState(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/** Whether a database error is a violation of the named unique constraint (any, when none is named). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (sqlState(error) !== PG.uniqueViolation) return false;
  return constraint === undefined || constraintOf(error) === constraint;
}

function constraintOf(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const c =
      (e as { constraint?: unknown; constraint_name?: unknown }).constraint ??
      (e as { constraint_name?: unknown }).constraint_name;
    if (typeof c === 'string') return c;
  }
  return undefined;
}
