/** Compact header forms (RFC 3261 §7.3.3, §20 and the extensions Parley meets: 3515, 3892, 4028, 6665). */
const compactForms: Record<string, string> = {
  a: 'accept-contact',
  b: 'referred-by',
  c: 'content-type',
  d: 'request-disposition',
  e: 'content-encoding',
  f: 'from',
  i: 'call-id',
  j: 'reject-contact',
  k: 'supported',
  l: 'content-length',
  m: 'contact',
  n: 'identity-info',
  o: 'event',
  r: 'refer-to',
  s: 'subject',
  t: 'to',
  u: 'allow-events',
  v: 'via',
  x: 'session-expires',
  y: 'identity',
};

/** Spellings that title case would get wrong. */
const irregular: Record<string, string> = {
  'call-id': 'Call-ID',
  cseq: 'CSeq',
  'www-authenticate': 'WWW-Authenticate',
  'mime-version': 'MIME-Version',
  'min-se': 'Min-SE',
  rack: 'RAck',
  rseq: 'RSeq',
  'sip-etag': 'SIP-ETag',
  'sip-if-match': 'SIP-If-Match',
};

/**
 * Headers whose grammar is a comma-separated list (`#element`), so `Via: a, b` equals two Via rows.
 * Others (Date, WWW-Authenticate, From…) may hold commas that are not separators and are never split.
 */
const listHeaders = new Set([
  'via',
  'route',
  'record-route',
  'contact',
  'allow',
  'supported',
  'require',
  'proxy-require',
  'unsupported',
  'accept',
  'accept-encoding',
  'accept-language',
  'content-encoding',
  'allow-events',
  'path',
  'service-route',
  'history-info',
  'reason',
  'warning',
  'call-info',
  'alert-info',
  'error-info',
  'in-reply-to',
  'p-asserted-identity',
  'p-preferred-identity',
]);

/** The lookup key of a header name: lower case, compact form expanded. */
export function headerKey(name: string): string {
  const lower = name.toLowerCase();
  return compactForms[lower] ?? lower;
}

/** The long, conventionally capitalised spelling of a header name (`i` → `Call-ID`, `cseq` → `CSeq`). */
export function canonicalHeaderName(name: string): string {
  const key = headerKey(name);
  return (
    irregular[key] ?? key.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase())
  );
}

/** Whether a header's values are a comma-separated list that may be split into rows. */
export function isListHeader(name: string): boolean {
  return listHeaders.has(headerKey(name));
}
