import type { z } from 'zod';
import type { ProblemCode } from './problems';

/**
 * Problem codes for schema messages that mean something more specific than "invalid data". The
 * schemas that own those messages register them here, so the validator can say "bad timezone" or
 * "bad phone number" without knowing which node a field belongs to.
 */
const codesByMessage = new Map<string, ProblemCode>();

/** Marks a schema message as meaning a specific problem code. */
export function codeForMessage(message: string, code: ProblemCode): string {
  codesByMessage.set(message, code);
  return message;
}

/** Turns zod issues into problem fields, codes and messages. */
export function fromZodIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix: (string | number)[] = [],
): { field: string; code: ProblemCode; message: string }[] {
  return issues.map((issue) => {
    const field = [...prefix, ...issue.path].map(String).join('.');
    const code = codesByMessage.get(issue.message) ?? 'invalid-data';
    return { field, code, message: issue.message };
  });
}
