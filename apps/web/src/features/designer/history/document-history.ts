import type { FlowDocument } from '@parley/flow-schema';

/** Documents before and after the current one; the current one is whatever the designer shows. */
export interface DocumentHistory {
  past: FlowDocument[];
  future: FlowDocument[];
  /** The last change's merge key and time: typing in one field is one step, not one per key. */
  last: { key: string; at: number } | null;
}

export const EMPTY_HISTORY: DocumentHistory = { past: [], future: [], last: null };

/** How many steps back the designer keeps. */
export const HISTORY_LIMIT = 200;
const MERGE_WINDOW_MS = 1000;

/**
 * Records that `current` is about to be replaced. A change with the same merge key as the one just
 * before it (within a second) joins that step instead of adding one.
 */
export function recordChange(
  history: DocumentHistory,
  current: FlowDocument,
  opts: { mergeKey?: string; at?: number } = {},
): DocumentHistory {
  const at = opts.at ?? Date.now();
  const merges =
    opts.mergeKey !== undefined &&
    history.last?.key === opts.mergeKey &&
    at - history.last.at < MERGE_WINDOW_MS &&
    history.past.length > 0;
  const last = opts.mergeKey === undefined ? null : { key: opts.mergeKey, at };
  if (merges) return { past: history.past, future: [], last };
  return { past: [...history.past, current].slice(-HISTORY_LIMIT), future: [], last };
}

/** Steps back: the document to show and the history after it; null when there is nothing to undo. */
export function undoChange(
  history: DocumentHistory,
  current: FlowDocument,
): { history: DocumentHistory; document: FlowDocument } | null {
  const previous = history.past.at(-1);
  if (!previous) return null;
  return {
    document: previous,
    history: { past: history.past.slice(0, -1), future: [current, ...history.future], last: null },
  };
}

/** Steps forward again after an undo; null when there is nothing to redo. */
export function redoChange(
  history: DocumentHistory,
  current: FlowDocument,
): { history: DocumentHistory; document: FlowDocument } | null {
  const [next, ...rest] = history.future;
  if (!next) return null;
  return { document: next, history: { past: [...history.past, current], future: rest, last: null } };
}
