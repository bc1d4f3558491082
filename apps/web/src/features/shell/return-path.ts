// Any origin would do: a path resolved against it that leaves it was not a path of this app.
const BASE = 'http://parley.invalid';

/**
 * Where to go after signing in: `target` when it is a path of this app (`/t/demo/queues?x=1`), else
 * the home page. Full URLs, `//host` and whatever a browser would resolve to another host are refused,
 * so the sign-in page cannot be made to send anyone elsewhere.
 */
export function returnPath(target: string | null | undefined): string {
  if (!target?.startsWith('/')) return '/';
  let url: URL;
  try {
    url = new URL(target, BASE);
  } catch {
    return '/';
  }
  if (url.origin !== BASE) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  // `/.//host` resolves to the path `//host`, which a browser would take for another host.
  return path.startsWith('//') ? '/' : path;
}

/** The sign-in page, returning to `path` once signed in. */
export function signInPath(path: string): string {
  return `/sign-in?callbackUrl=${encodeURIComponent(path)}`;
}
