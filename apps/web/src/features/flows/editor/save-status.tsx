'use client';

import { Check, CircleAlert, CloudOff, Pencil } from 'lucide-react';
import { Spinner } from '../../shell/spinner';
import { When } from '../../shell/when';
import styles from './editor.module.css';
import type { SaveState } from './use-draft-autosave';

/** "Saved", "Saving…", "Unsaved changes", "Conflict" or "Not saved", always on screen. */
export function SaveStatus({ state }: { state: SaveState }) {
  switch (state.kind) {
    case 'saved':
      return (
        <span className={styles.saveState} data-state="saved">
          <Check size={14} aria-hidden="true" />
          Saved
          {state.at ? (
            <span className={styles.saveWhen}>
              {' '}
              · <When at={state.at} />
            </span>
          ) : null}
        </span>
      );
    case 'saving':
      return (
        <span className={styles.saveState} data-state="saving">
          <Spinner size={14} />
          Saving…
        </span>
      );
    case 'unsaved':
      return (
        <span
          className={styles.saveState}
          data-state="unsaved"
          title="Saves a moment after you stop editing (Ctrl+S saves now)"
        >
          <Pencil size={14} aria-hidden="true" />
          Unsaved changes
        </span>
      );
    case 'conflict':
      return (
        <span className={styles.saveState} data-state="conflict">
          <CircleAlert size={14} aria-hidden="true" />
          Conflict: not saved
        </span>
      );
    case 'error':
      return (
        <span className={styles.saveState} data-state="error" title={`${state.message} ${state.next}`}>
          <CloudOff size={14} aria-hidden="true" />
          Not saved
        </span>
      );
  }
}
