import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';

/** The subset of `fetch` the Graph adapter uses: msal-node, graph-client and jose all go through it. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * A `fetch` over node:http(s) that trusts `ca` beside the system roots.
 *
 * Why not the global fetch: Node 20's fetch cannot be given a CA without undici's own Agent, and all three
 * libraries (msal-node, graph-client, jose) accept a replacement transport. The extra CA serves a corporate
 * TLS-inspecting proxy in production and the Graph stand-in (self-signed, on 127.0.0.1) in tests.
 */
export function createFetch(options: { ca?: string | undefined; timeoutMs?: number } = {}): FetchLike {
  const timeoutMs = options.timeoutMs ?? 30_000;
  return async (input, init) => {
    const request = input instanceof Request ? input : undefined;
    const url = new URL(request ? request.url : input.toString());
    const method = init?.method ?? request?.method ?? 'GET';
    const headers = new Headers(request?.headers);
    for (const [name, value] of new Headers(init?.headers)) headers.set(name, value);
    const body = await bodyBytes(init?.body ?? (request?.body ? await request.arrayBuffer() : undefined));
    if (body) headers.set('content-length', String(body.byteLength));

    return new Promise<Response>((resolve, reject) => {
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(
        url,
        {
          method,
          headers: Object.fromEntries(headers),
          timeout: timeoutMs,
          ...(url.protocol === 'https:' && options.ca ? { ca: [...systemRoots(), options.ca] } : {}),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const status = res.statusCode ?? 502;
            const responseHeaders = new Headers();
            for (const [name, value] of Object.entries(res.headers)) {
              if (value === undefined) continue;
              for (const v of Array.isArray(value) ? value : [value]) responseHeaders.append(name, v);
            }
            const noBody = status === 204 || status === 304 || method === 'HEAD';
            resolve(
              new Response(noBody ? null : Buffer.concat(chunks), {
                status,
                statusText: res.statusMessage ?? '',
                headers: responseHeaders,
              }),
            );
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${url.origin}${url.pathname} timed out`)));
      req.on('error', reject);
      init?.signal?.addEventListener('abort', () => req.destroy(new Error('aborted')));
      req.end(body);
    });
  };
}

/** Giving `ca` replaces Node's bundled roots, so they are passed along with the extra one. */
function systemRoots(): readonly string[] {
  return rootCertificates;
}

async function bodyBytes(body: RequestInit['body'] | ArrayBuffer): Promise<Buffer | undefined> {
  if (body === null || body === undefined) return undefined;
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof URLSearchParams) return Buffer.from(body.toString());
  return Buffer.from(await new Response(body).arrayBuffer());
}
