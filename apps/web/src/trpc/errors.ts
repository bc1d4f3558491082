import type { Problem } from '@parley/flow-schema';

/** An error as a person reads it: what happened and what to do next, with the server's details. */
export interface ExplainedError {
  /** The tRPC code (`CONFLICT`, `BAD_REQUEST`, …), or null when the server never answered. */
  code: string | null;
  message: string;
  next: string;
  /** Why the input was refused, field by field (BAD_REQUEST) or node by node (publish). */
  problems: Problem[];
  /** Who won a race (CONFLICT), as the server sends it. */
  conflict: Record<string, unknown> | null;
}

interface ErrorShape {
  message?: unknown;
  data?: { code?: unknown; problems?: unknown; conflict?: unknown } | null;
}

const NEXT_STEP: Record<string, string> = {
  UNAUTHORIZED: 'Your session has ended: sign in again (this tab keeps what you typed).',
  FORBIDDEN: 'Your role in this tenant does not allow this. Ask a tenant admin to give you the role.',
  NOT_FOUND: 'It may have been removed, or it belongs to another tenant. Go back to the list and reload it.',
  CONFLICT: 'Reload to see the current state, then try again.',
  BAD_REQUEST: 'Correct what is marked and try again.',
  PAYLOAD_TOO_LARGE: 'Use a smaller file, or ask an admin about object storage for large files.',
  INTERNAL_SERVER_ERROR: 'Try again; if it keeps failing, the server log has the details.',
};

/** Turns whatever a query or mutation threw into a message, a next step and the server's details. */
export function explainError(error: unknown): ExplainedError {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as ErrorShape;
  const data = shape.data ?? null;
  const code = typeof data?.code === 'string' ? data.code : null;
  const problems = Array.isArray(data?.problems) ? (data.problems as Problem[]) : [];
  const conflict =
    data?.conflict && typeof data.conflict === 'object' ? (data.conflict as Record<string, unknown>) : null;
  if (code === null) {
    return {
      code,
      message: 'Parley did not answer.',
      next: 'Check your connection and that Parley is running, then try again.',
      problems,
      conflict,
    };
  }
  const raw = typeof shape.message === 'string' && shape.message ? shape.message : code.toLowerCase();
  return {
    code,
    message: sentence(raw),
    next: NEXT_STEP[code] ?? 'Try again.',
    problems,
    conflict,
  };
}

/** The problems that name a field, by field path, for showing next to form controls. */
export function problemsByField(problems: readonly Problem[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const p of problems) {
    const key = p.field ?? '';
    map.set(key, map.has(key) ? `${map.get(key)}; ${p.message}` : p.message);
  }
  return map;
}

function sentence(text: string): string {
  const first = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}
