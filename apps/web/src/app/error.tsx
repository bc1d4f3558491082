'use client';

/** Shown when a page fails on the server, most often because the database did not answer. */
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div role="alert">
      <h1>Parley could not load this page</h1>
      <p>
        The database may not be running. Start everything with <code>npm start</code>, or check that{' '}
        <code>DATABASE_URL</code> points at a reachable PostgreSQL server, then try again.
      </p>
      {error.digest ? <p className="muted">Reference for the server log: {error.digest}</p> : null}
      <button type="button" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
