/** Where a field's value lives in a node's data: keys and array indexes (`options.2.key`). */
export type FieldPath = readonly (string | number)[];

/** A path as the validator writes it in a problem's `field`. */
export const pathKey = (path: FieldPath): string => path.join('.');

/** The value at a path, or undefined where the path runs out. */
export function getIn(value: unknown, path: FieldPath): unknown {
  let at = value;
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string | number, unknown>)[key];
  }
  return at;
}

/**
 * A copy of `value` with the value at `path` replaced; `undefined` removes an object key. Only the
 * objects along the path are copied, so everything else keeps its identity.
 */
export function setIn(value: unknown, path: FieldPath, next: unknown): unknown {
  if (path.length === 0) return next;
  const [key, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(value) && typeof key === 'number') {
    const copy = [...value];
    copy[key] = setIn(value[key], rest, next);
    return copy;
  }
  const object = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const child = setIn(object[key], rest, next);
  if (child === undefined) {
    const { [key]: _removed, ...others } = object;
    return others;
  }
  return { ...object, [key]: child };
}
