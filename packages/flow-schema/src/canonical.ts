/** JSON with object keys sorted at every depth, so equal values always serialise to equal bytes. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalize(value));
}

/**
 * A value as `JSON.parse(canonicalJson(value))` would give it back: plain objects with their keys
 * sorted at every depth, without the values JSON leaves out. Parts already in that form are kept
 * rather than copied, so a value built in canonical order costs one walk and no allocation; an array
 * met more than once (a menu's keys, shared by its states) stays one array.
 */
export function canonicalize<T>(value: T): T {
  return canonicalizer()(value);
}

/** `canonicalize` for several values in turn, walking an array they share only once. */
export function canonicalizer(): <T>(value: T) => T {
  const canonicalizer = new Canonicalizer();
  return <T>(value: T): T => {
    const canonical = canonicalizer.value(value);
    return (canonical === OMITTED ? undefined : canonical) as T;
  };
}

/**
 * An object's own keys in canonical order, without `__proto__` (which JSON.parse would read as a key
 * but assigning sets a prototype: canonical JSON has always left it out).
 */
export function canonicalKeys(object: object): string[] {
  const keys = canonicalOrder(Object.keys(object));
  const proto = keys.indexOf('__proto__');
  if (proto >= 0) keys.splice(proto, 1);
  return keys;
}

/** Marks a value JSON leaves out of an object (undefined, a function, a symbol). */
const OMITTED = Symbol('omitted');

class Canonicalizer {
  /** Arrays already seen, so a shared one is walked once and stays shared. */
  private arrays: Map<readonly unknown[], unknown[]> | null = null;
  /** `for…in` saves allocating each object's keys, but would also list keys added to Object.prototype. */
  private readonly forIn = !prototypeHasKeys();

  /** A value as JSON reads it back: numbers JSON cannot write become null, -0 becomes 0. */
  value(value: unknown): unknown {
    switch (typeof value) {
      case 'object':
        if (value === null) return null;
        return Array.isArray(value) ? this.array(value) : this.object(value as Record<string, unknown>);
      case 'number':
        return Number.isFinite(value) ? value + 0 : null;
      case 'undefined':
      case 'function':
      case 'symbol':
        return OMITTED;
      default:
        return value;
    }
  }

  private array(array: readonly unknown[]): unknown[] {
    const known = this.arrays?.get(array);
    if (known) return known;
    let copy: unknown[] | null = Object.getPrototypeOf(array) === Array.prototype ? null : [];
    for (let i = 0; i < array.length; i++) {
      const item = array[i];
      let next = this.value(item);
      if (next === OMITTED) next = null;
      if (copy === null) {
        if (Object.is(next, item)) continue;
        copy = array.slice(0, i);
      }
      copy.push(next);
    }
    const result = copy ?? (array as unknown[]);
    if (!this.arrays) this.arrays = new Map();
    this.arrays.set(array, result);
    return result;
  }

  private object(object: Record<string, unknown>): Record<string, unknown> {
    if (Object.getPrototypeOf(object) !== Object.prototype) return this.object(ownData(object));
    if (!this.forIn || !inCanonicalOrder(object)) return this.sortedCopy(object);
    // Most objects turn out canonical and are kept; nothing is allocated until one does not.
    for (const key in object) {
      const item = object[key];
      // Assigning `__proto__` sets a prototype rather than a key: canonical JSON has always left it out.
      const next = key === '__proto__' ? OMITTED : this.value(item);
      if (!Object.is(next, item)) return this.copyFrom(object, key, next);
    }
    return object;
  }

  /** A copy of an object in canonical order whose first `changed` member becomes `next`. */
  private copyFrom(object: Record<string, unknown>, changed: string, next: unknown): Record<string, unknown> {
    const copy: Record<string, unknown> = {};
    let before = true;
    for (const key in object) {
      let value: unknown;
      if (key === changed) {
        before = false;
        value = next;
      } else {
        value = before ? object[key] : key === '__proto__' ? OMITTED : this.value(object[key]);
      }
      if (value !== OMITTED) copy[key] = value;
    }
    return copy;
  }

  private sortedCopy(object: Record<string, unknown>): Record<string, unknown> {
    const copy: Record<string, unknown> = {};
    for (const key of canonicalOrder(Object.keys(object))) {
      const value = key === '__proto__' ? OMITTED : this.value(object[key]);
      if (value !== OMITTED) copy[key] = value;
    }
    return copy;
  }
}

/** Whether Object.prototype has enumerable keys, which `for…in` would list with every object's own. */
function prototypeHasKeys(): boolean {
  for (const _ in Object.prototype) return true;
  return false;
}

/**
 * Whether an object's keys are in canonical order. Keys that are array indices always come first, in
 * numeric order, however the object was built; the others must be sorted.
 */
function inCanonicalOrder(object: object): boolean {
  let previous: string | null = null;
  for (const key in object) {
    if (previous !== null && previous > key && !isArrayIndex(previous)) return false;
    previous = key;
  }
  return true;
}

/** The own enumerable keys of any object (a class instance, a null-prototype map) as JSON sees them. */
function ownData(object: object): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const key of Object.keys(object)) {
    if (key !== '__proto__') data[key] = (object as Record<string, unknown>)[key];
  }
  return data;
}

/**
 * Keys as `Object.keys` lists them (array indices first, in numeric order), the rest sorted by UTF-16
 * code units as `Array.prototype.sort` does; sorted in place, as an object has few keys.
 */
function canonicalOrder(keys: string[]): string[] {
  let indices = 0;
  while (indices < keys.length && isArrayIndex(keys[indices]!)) indices++;
  for (let i = indices + 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    for (; j >= indices && keys[j]! > key; j--) keys[j + 1] = keys[j]!;
    keys[j + 1] = key;
  }
  return keys;
}

function isArrayIndex(key: string): boolean {
  const first = key.charCodeAt(0);
  if (first < 48 || first > 57) return false;
  if (key.length > 10 || (first === 48 && key.length > 1)) return false;
  for (let i = 1; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return Number(key) < 2 ** 32 - 1;
}
