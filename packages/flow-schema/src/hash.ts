import { canonicalize } from './canonical';
import { createSha256 } from './sha256';

/** Hex sha256 of the canonical JSON of a value: the identity of a compiled flow. */
export function contentHash(value: unknown): string {
  return hashJson(canonicalize(value));
}

/** Hex sha256 of a text already in canonical form. */
export function hashText(text: string): string {
  const hash = createSha256();
  hash.update(text);
  return hash.hex();
}

/**
 * Hex sha256 of `JSON.stringify(value)` for plain JSON data, without making that one string: a compiled
 * machine's JSON runs to megabytes, and building it costs more than hashing it. The value is taken
 * apart one level (a machine's keys), then its members' members (the states) are serialised a group
 * at a time.
 */
export function hashJson(value: unknown): string {
  const writer = new HashingWriter();
  writer.value(value, 2);
  return writer.finish();
}

/** Members serialised by one JSON.stringify: few enough to stay small strings, enough to save calls. */
const GROUP = 16;
/** Text shorter than this is gathered before it goes to the hash, so each update is worth its call. */
const CHUNK = 1 << 12;

class HashingWriter {
  private readonly hash = createSha256();
  private pending = '';

  /** Writes a value as JSON.stringify would, taking plain objects and arrays apart `depth` levels down. */
  value(value: unknown, depth: number): void {
    if (depth === 0 || typeof value !== 'object' || value === null || !isPlainData(value)) {
      const text = JSON.stringify(value);
      if (text === undefined) throw new TypeError(`${typeof value} has no JSON`);
      this.write(text);
    } else if (depth === 1) {
      this.grouped(value);
    } else if (Array.isArray(value)) {
      this.write('[');
      for (let i = 0; i < value.length; i++) {
        if (i > 0) this.write(',');
        if (isOmitted(value[i])) this.write('null');
        else this.value(value[i], depth - 1);
      }
      this.write(']');
    } else {
      let first = true;
      this.write('{');
      for (const key of Object.keys(value)) {
        const item = (value as Record<string, unknown>)[key];
        if (isOmitted(item)) continue;
        this.write(first ? `${JSON.stringify(key)}:` : `,${JSON.stringify(key)}:`);
        this.value(item, depth - 1);
        first = false;
      }
      this.write('}');
    }
  }

  finish(): string {
    this.hash.update(this.pending);
    this.pending = '';
    return this.hash.hex();
  }

  /** An object or array whose members are serialised GROUP at a time, as parts of one JSON text. */
  private grouped(value: object): void {
    const array = Array.isArray(value);
    const keys = array ? null : Object.keys(value);
    const length = keys ? keys.length : (value as unknown[]).length;
    this.write(array ? '[' : '{');
    let empty = true;
    for (let start = 0; start < length; start += GROUP) {
      const end = Math.min(length, start + GROUP);
      let part: unknown;
      if (keys) {
        const members: Record<string, unknown> = {};
        for (let i = start; i < end; i++) {
          // Defined rather than assigned, so a `__proto__` key stays a key, as JSON.stringify sees it.
          const key = keys[i]!;
          const item = (value as Record<string, unknown>)[key];
          if (key === '__proto__') Object.defineProperty(members, key, { value: item, enumerable: true });
          else members[key] = item;
        }
        part = members;
      } else {
        part = (value as unknown[]).slice(start, end);
      }
      const text = JSON.stringify(part)!;
      // `[]` or `{}`: every member of the group was left out (only an object's can be).
      if (text.length === 2) continue;
      if (!empty) this.write(',');
      this.write(text.slice(1, -1));
      empty = false;
    }
    this.write(array ? ']' : '}');
  }

  private write(text: string): void {
    if (text.length >= CHUNK) {
      // A long piece goes to the hash as it is rather than being copied into `pending`.
      this.hash.update(this.pending);
      this.hash.update(text);
      this.pending = '';
      return;
    }
    this.pending += text;
    if (this.pending.length >= CHUNK) {
      this.hash.update(this.pending);
      this.pending = '';
    }
  }
}

/** An array or plain object without `toJSON`, whose JSON is that of its members. */
function isPlainData(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  const plain = proto === Object.prototype || proto === Array.prototype || proto === null;
  return plain && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

/** What JSON.stringify leaves out of an object and writes as null in an array. */
function isOmitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}
