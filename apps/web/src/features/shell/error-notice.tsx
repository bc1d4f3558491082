'use client';

import { explainError } from '../../trpc/errors';
import { signInPath } from './return-path';
import ui from './ui.module.css';

export interface ErrorNoticeProps {
  /** Nothing is shown while this is null or undefined, like a query's or mutation's `error`. */
  error: unknown;
  /** What was being done, like "Could not create the queue". */
  title?: string;
  onRetry?: () => void;
  /** Show the server's problems as a list (off when a form shows them next to its fields). */
  listProblems?: boolean;
}

/** A refused or failed request: what happened, what to do next, and a way to do it. */
export function ErrorNotice({ error, title, onRetry, listProblems = true }: ErrorNoticeProps) {
  if (error === null || error === undefined) return null;
  const e = explainError(error);
  // The problems are shown next to their fields (or in a table) already: say so instead of repeating them.
  const shownElsewhere = !listProblems && e.problems.length > 0;
  return (
    <div className={ui.notice} role="alert">
      <p>
        {title ? <strong>{title}: </strong> : null}
        {shownElsewhere
          ? `${e.problems.length === 1 ? 'one problem' : `${e.problems.length} problems`}, marked ${
              e.problems.length === 1 ? 'here' : 'below'
            }. Correct ${e.problems.length === 1 ? 'it' : 'them'} and try again.`
          : `${e.message} ${e.next}`}
      </p>
      {listProblems && e.problems.length > 0 ? (
        <ul>
          {e.problems.map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: problems have no id and never reorder
            <li key={i}>
              {p.field ? <span className={ui.mono}>{p.field}</span> : null}
              {p.field ? ': ' : null}
              {p.message}
            </li>
          ))}
        </ul>
      ) : null}
      {onRetry || e.code === 'UNAUTHORIZED' ? (
        <div className={ui.noticeActions}>
          {e.code === 'UNAUTHORIZED' ? (
            <a
              className={ui.button}
              href={signInPath(window.location.pathname)}
              target="_blank"
              rel="noopener"
            >
              Sign in (new tab)
            </a>
          ) : null}
          {onRetry ? (
            <button type="button" className={ui.button} onClick={onRetry}>
              Try again
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
