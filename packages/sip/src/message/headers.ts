import { canonicalHeaderName, headerKey } from './header-names.js';

/** One header row as it goes on the wire. */
export interface HeaderRow {
  name: string;
  value: string;
}

interface Entry extends HeaderRow {
  key: string;
}

/**
 * The header rows of a SIP message, in order. Names are case-insensitive and compact forms are the same
 * header (`v` is `Via`); a list header holds one row per element after parsing.
 */
export class SipHeaders implements Iterable<HeaderRow> {
  private entries: Entry[] = [];

  constructor(rows: Iterable<HeaderRow> = []) {
    for (const row of rows) this.append(row.name, row.value);
  }

  /** The first value of a header, if present. */
  get(name: string): string | undefined {
    const key = headerKey(name);
    return this.entries.find((e) => e.key === key)?.value;
  }

  /** Every value of a header, in order. */
  getAll(name: string): string[] {
    const key = headerKey(name);
    return this.entries.filter((e) => e.key === key).map((e) => e.value);
  }

  /** Whether the header is present at least once. */
  has(name: string): boolean {
    const key = headerKey(name);
    return this.entries.some((e) => e.key === key);
  }

  /** Replaces every row of the header with the given value(s), where the first row was (or at the end). */
  set(name: string, value: string | readonly string[]): this {
    const key = headerKey(name);
    const values = typeof value === 'string' ? [value] : value;
    const at = this.entries.findIndex((e) => e.key === key);
    this.entries = this.entries.filter((e) => e.key !== key);
    const rows = values.map((v) => ({ key, name: displayName(name), value: v }));
    this.entries.splice(at === -1 ? this.entries.length : at, 0, ...rows);
    return this;
  }

  /** Adds a row after the existing ones. */
  append(name: string, value: string): this {
    this.entries.push({ key: headerKey(name), name: displayName(name), value });
    return this;
  }

  /** Adds a row before every row of the same header (a new top Via, a Record-Route). */
  prepend(name: string, value: string): this {
    const key = headerKey(name);
    const at = this.entries.findIndex((e) => e.key === key);
    this.entries.splice(at === -1 ? this.entries.length : at, 0, { key, name: displayName(name), value });
    return this;
  }

  /** Replaces the first row of a header (the top Via after adding `received`). */
  replaceFirst(name: string, value: string): this {
    const key = headerKey(name);
    const entry = this.entries.find((e) => e.key === key);
    if (entry) entry.value = value;
    else this.append(name, value);
    return this;
  }

  /** Removes every row of a header. */
  delete(name: string): this {
    const key = headerKey(name);
    this.entries = this.entries.filter((e) => e.key !== key);
    return this;
  }

  /** An independent copy. */
  clone(): SipHeaders {
    return new SipHeaders(this.entries);
  }

  [Symbol.iterator](): Iterator<HeaderRow> {
    return this.entries.map(({ name, value }) => ({ name, value }))[Symbol.iterator]();
  }
}

/** Compact names are written long; other names keep the caller's spelling unless they are known. */
function displayName(name: string): string {
  return name.length === 1 || name === name.toLowerCase() ? canonicalHeaderName(name) : name;
}
