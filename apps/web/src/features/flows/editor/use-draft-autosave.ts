'use client';

import type { FlowDocument } from '@parley/flow-schema';
import { useMutation } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTRPC } from '../../../trpc/client';
import { explainError } from '../../../trpc/errors';

const DEBOUNCE_MS = 800;
const RETRY_MS = 5_000;

/** Who saved the draft under us, from the CONFLICT error's `data.conflict`. */
export interface DraftConflict {
  message: string;
  currentRevision: number | null;
  updatedBy: { id: string; name: string; email: string } | null;
  updatedAt: string | null;
}

export type SaveState =
  | { kind: 'saved'; at: Date | null }
  | { kind: 'unsaved' }
  | { kind: 'saving' }
  | { kind: 'conflict'; conflict: DraftConflict }
  | { kind: 'error'; message: string; next: string };

export interface DraftAutosave {
  document: FlowDocument;
  /** The revision the stored draft has after our last save (the one the next save expects). */
  revision: number;
  state: SaveState;
  /** Every edit: kept locally, saved ~800 ms after the last one. */
  change(document: FlowDocument): void;
  /** Saves now (Ctrl+S, "Retry"). */
  saveNow(): void;
  /** Starts over from a draft read from the server (after "Reload their version"). */
  reset(document: FlowDocument, revision: number): void;
}

/**
 * The draft being edited, saved through `flows.saveDraft` with `expectedRevision`: one save in flight
 * at a time, edits made meanwhile go in the next one, and a CONFLICT stops autosave until the person
 * chooses what to keep.
 */
export function useDraftAutosave(
  tenantId: string,
  flowId: string,
  initial: { document: FlowDocument; revision: number; updatedAt: Date },
): DraftAutosave {
  const trpc = useTRPC();
  const save = useMutation(trpc.flows.saveDraft.mutationOptions());
  const { mutateAsync } = save;
  const [document, setDocument] = useState(initial.document);
  const [revision, setRevision] = useState(initial.revision);
  const [state, setState] = useState<SaveState>({ kind: 'saved', at: initial.updatedAt });
  const docRef = useRef(initial.document);
  const revRef = useRef(initial.revision);
  const savedDoc = useRef<FlowDocument>(initial.document);
  const inFlight = useRef(false);
  const stopped = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const clearTimer = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  }, []);

  const flush = useCallback(async () => {
    clearTimer();
    if (inFlight.current || stopped.current) return;
    const sending = docRef.current;
    if (sending === savedDoc.current) {
      setState((s) => (s.kind === 'unsaved' ? { kind: 'saved', at: new Date() } : s));
      return;
    }
    inFlight.current = true;
    setState({ kind: 'saving' });
    try {
      const saved = await mutateAsync({
        tenantId,
        flowId,
        document: sending as unknown as Record<string, unknown>,
        expectedRevision: revRef.current,
      });
      revRef.current = saved.revision;
      setRevision(saved.revision);
      savedDoc.current = sending;
      inFlight.current = false;
      if (docRef.current === sending) setState({ kind: 'saved', at: saved.updatedAt });
      else {
        // Edits arrived while saving: they go out next.
        setState({ kind: 'unsaved' });
        timer.current = setTimeout(() => void flushRef.current(), 0);
      }
    } catch (error) {
      inFlight.current = false;
      const e = explainError(error);
      if (e.code === 'CONFLICT') {
        stopped.current = true;
        setState({ kind: 'conflict', conflict: readConflict(e.message, e.conflict) });
        return;
      }
      setState({ kind: 'error', message: e.message, next: e.next });
      // A dropped connection heals by itself; a refusal (bad input, forbidden) needs the person.
      if (e.code === null || e.code === 'INTERNAL_SERVER_ERROR')
        timer.current = setTimeout(() => void flushRef.current(), RETRY_MS);
    }
  }, [mutateAsync, tenantId, flowId, clearTimer]);
  const flushRef = useRef(flush);
  flushRef.current = flush;

  const change = useCallback(
    (next: FlowDocument) => {
      docRef.current = next;
      setDocument(next);
      if (stopped.current) return;
      setState((s) => (s.kind === 'saving' ? s : { kind: 'unsaved' }));
      clearTimer();
      timer.current = setTimeout(() => void flushRef.current(), DEBOUNCE_MS);
    },
    [clearTimer],
  );

  const saveNow = useCallback(() => void flushRef.current(), []);

  const reset = useCallback(
    (next: FlowDocument, nextRevision: number) => {
      clearTimer();
      stopped.current = false;
      docRef.current = next;
      savedDoc.current = next;
      revRef.current = nextRevision;
      setDocument(next);
      setRevision(nextRevision);
      setState({ kind: 'saved', at: new Date() });
    },
    [clearTimer],
  );

  // Leaving with unsaved edits: the browser asks first.
  useEffect(() => {
    if (state.kind === 'saved') return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [state.kind]);

  // Leaving the page inside the app (a nav link) still saves the last edits.
  useEffect(
    () => () => {
      clearTimer();
      if (!stopped.current && docRef.current !== savedDoc.current) void flushRef.current();
    },
    [clearTimer],
  );

  return { document, revision, state, change, saveNow, reset };
}

function readConflict(message: string, data: Record<string, unknown> | null): DraftConflict {
  const by = data?.updatedBy as DraftConflict['updatedBy'] | undefined;
  return {
    message,
    currentRevision: typeof data?.currentRevision === 'number' ? data.currentRevision : null,
    updatedBy: by && typeof by === 'object' ? by : null,
    updatedAt: typeof data?.updatedAt === 'string' ? data.updatedAt : null,
  };
}
