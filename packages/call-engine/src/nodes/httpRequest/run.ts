import { renderTemplate } from '@parley/flow-schema';
import type { Effect } from '../../effects';

/**
 * Calls the admin's web service and feeds the answer back as `HTTP_DONE` or `HTTP_FAILED`. Placeholders
 * in the URL are URL-encoded so a caller's digits cannot change its path or query.
 */
export const httpRequest: Effect<'httpRequest'> = (call, p) => {
  const scope = call.scope();
  const url = renderTemplate(p.url, scope, encodeURIComponent);
  const started = Date.now();
  const nodeId = call.nodeId ?? undefined;
  const request = async () => {
    const response = await call.fetch(url, {
      method: p.method,
      headers: Object.fromEntries(p.headers.map((h) => [h.name, renderTemplate(h.value, scope)])),
      body: p.body === undefined ? undefined : renderTemplate(p.body, scope),
      signal: AbortSignal.timeout(p.timeoutMs),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON: mappings read nothing from it, and the status still decides the outcome.
    }
    const { origin, pathname } = new URL(url);
    call.record(
      'http.request',
      { method: p.method, url: origin + pathname, status: response.status, ms: Date.now() - started },
      nodeId,
    );
    call.send({ type: 'HTTP_DONE', status: response.status, body });
  };
  request().catch((error: Error) => {
    const reason = error.name === 'TimeoutError' ? `no answer within ${p.timeoutMs} ms` : error.message;
    call.record('http.request', { method: p.method, error: reason, ms: Date.now() - started }, nodeId);
    call.send({ type: 'HTTP_FAILED', reason });
  });
};
