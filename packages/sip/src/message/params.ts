import { splitOutside } from './split.js';

/** `;name=value` parameters with lower-case names; a flag parameter (`;lr`) has the value `null`. */
export type Params = Record<string, string | null>;

/** Parses `a=1;b;c="x;y"` (the text after the first `;`). Whitespace around `;` and `=` is allowed (SWS). */
export function parseParams(text: string): Params {
  const params: Params = {};
  for (const raw of splitOutside(text, ';')) {
    const part = raw.trim();
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq === -1) params[part.toLowerCase()] = null;
    else params[part.slice(0, eq).trim().toLowerCase()] = part.slice(eq + 1).trim();
  }
  return params;
}

/** Writes parameters as `;a=1;b`, in insertion order, skipping undefined values. */
export function formatParams(params: Readonly<Record<string, string | null | undefined>>): string {
  let out = '';
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    out += value === null ? `;${name}` : `;${name}=${value}`;
  }
  return out;
}
