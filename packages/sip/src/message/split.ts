/**
 * Splits `text` at `separator` where it is not inside a quoted string or `<…>`: the rule for header lists
 * (`Contact: "Doe, J" <sip:j@x>, <sip:k@y>`) and for parameters (`;tag=1;lr`).
 */
export function splitOutside(text: string, separator: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let quoted = false;
  let angle = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '<') angle++;
    else if (c === '>' && angle > 0) angle--;
    else if (c === separator && angle === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Splits a list header value into its trimmed, non-empty elements. */
export function splitList(value: string): string[] {
  return splitOutside(value, ',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}
