import { explainError, problemsByField } from '../../trpc/errors';

/** The server's BAD_REQUEST problems of a mutation error, by field path (`settings.maxQueueSize`). */
export function fieldErrors(error: unknown): Map<string, string> {
  return error ? problemsByField(explainError(error).problems) : new Map();
}
