import type { FlowDocument } from '@parley/flow-schema';
import { useCallback, useRef, useState } from 'react';
import { EMPTY_HISTORY, recordChange, redoChange, undoChange } from './document-history';

export interface DocumentCommands {
  /** Replaces the document as one undoable step (merged with the last one when the key repeats). */
  commit(next: FlowDocument, mergeKey?: string): void;
  /** Applies a change to the latest document: safe from callbacks that outlive a render. */
  update(change: (doc: FlowDocument) => FlowDocument, mergeKey?: string): void;
  undo(): void;
  redo(): void;
  canUndo: boolean;
  canRedo: boolean;
}

/** Undo and redo over a controlled document: a stack of whole documents (they share unchanged parts). */
export function useDocumentHistory(
  document: FlowDocument,
  onChange: (document: FlowDocument) => void,
): DocumentCommands {
  const [history, setHistory] = useState(EMPTY_HISTORY);
  // Callbacks read the newest document and history, not the ones of the render that made them.
  const latest = useRef({ document, history, onChange });
  latest.current = { document, history, onChange };

  const commit = useCallback((next: FlowDocument, mergeKey?: string) => {
    const { document: current, history: h, onChange: emit } = latest.current;
    if (next === current) return;
    const recorded = recordChange(h, current, mergeKey === undefined ? {} : { mergeKey });
    latest.current = { ...latest.current, document: next, history: recorded };
    setHistory(recorded);
    emit(next);
  }, []);

  const update = useCallback(
    (change: (doc: FlowDocument) => FlowDocument, mergeKey?: string) =>
      commit(change(latest.current.document), mergeKey),
    [commit],
  );

  const step = useCallback((direction: typeof undoChange) => {
    const { document: current, history: h, onChange: emit } = latest.current;
    const result = direction(h, current);
    if (!result) return;
    latest.current = { ...latest.current, document: result.document, history: result.history };
    setHistory(result.history);
    emit(result.document);
  }, []);

  const undo = useCallback(() => step(undoChange), [step]);
  const redo = useCallback(() => step(redoChange), [step]);

  return {
    commit,
    update,
    undo,
    redo,
    canUndo: history.past.length > 0,
    canRedo: history.future.length > 0,
  };
}
