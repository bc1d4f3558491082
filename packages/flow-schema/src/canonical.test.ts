import { describe, expect, it } from 'vitest';
import { canonicalize, canonicalJson, canonicalKeys } from './canonical';

/** The canonical form by its definition: every object copied with its keys sorted, then JSON. */
function byDefinition(value: unknown): string {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v === null || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v).sort()) {
      const item = (v as Record<string, unknown>)[key];
      if (item !== undefined) out[key] = sortKeys(item);
    }
    return out;
  };
  return JSON.stringify(sortKeys(value));
}

const shared = [{ b: 1, a: 2 }];
const awkward: Record<string, unknown> = {
  'index keys sort by number, before the rest': { b: 1, 10: 'ten', 2: 'two', a: 3, '01': 'not an index' },
  'values JSON cannot write': { list: [1, undefined, () => 1, Number.NaN, -0, Infinity], gone: undefined },
  'a __proto__ key read from JSON': JSON.parse('{"z": 1, "__proto__": {"polluted": true}, "a": 2}'),
  'objects that are not plain': { date: new Date(0), map: new Map([[1, 2]]), bare: Object.create(null) },
  'strings that need escaping': { 'é "quoted"\n': 'line\u2028separator \\ 𝄞' },
  'an array shared by two members': { second: shared, first: shared },
  'an already canonical value': { actions: [{ params: { digit: '1' }, type: 'digitIs' }], target: '#call.a' },
};

describe('canonical form', () => {
  it.each(Object.entries(awkward))('%s: same JSON as sorting every object by hand', (_, value) => {
    expect(canonicalJson(value)).toBe(byDefinition(value));
  });

  it.each(Object.entries(awkward))('%s: canonicalize gives what JSON.parse would read back', (_, value) => {
    const canonical = canonicalize(value);
    expect(canonical).toStrictEqual(JSON.parse(byDefinition(value)));
    expect(JSON.stringify(canonical)).toBe(byDefinition(value));
  });

  it('keeps the parts already in canonical form and copies only the rest, leaving the input as it was', () => {
    const prompt = { kind: 'tts', text: 'Welcome.' };
    const state = {
      on: { PROMPT_DONE: { target: '#call.next' } },
      entry: [{ params: { prompt }, type: 'play' }],
    };
    const before = JSON.stringify(state);
    const canonical = canonicalize(state);
    expect(canonical).not.toBe(state);
    expect(Object.keys(canonical)).toEqual(['entry', 'on']);
    expect(canonical.entry).toBe(state.entry);
    expect(canonical.on).toBe(state.on);
    expect(JSON.stringify(state)).toBe(before);
  });

  it('lists keys in canonical order', () => {
    expect(canonicalKeys({ b: 1, 3: 0, a: 2, 1: 0, __proto__x: 0 })).toEqual([
      '1',
      '3',
      '__proto__x',
      'a',
      'b',
    ]);
  });

  it('ignores keys someone added to Object.prototype, as JSON does', () => {
    const value = { b: { d: 1, c: 2 }, a: [{ f: 1 }] };
    const pollution = { value: { y: 1, x: 2 }, enumerable: true, configurable: true, writable: true };
    Object.defineProperty(Object.prototype, 'polluted', pollution);
    let json: string;
    let keys: string[];
    try {
      json = canonicalJson(value);
      keys = Object.keys(canonicalize(value).b);
    } finally {
      delete (Object.prototype as Record<string, unknown>).polluted;
    }
    expect(json).toBe('{"a":[{"f":1}],"b":{"c":2,"d":1}}');
    expect(keys).toEqual(['c', 'd']);
  });

  it('refuses a value that contains itself, as JSON does', () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => canonicalJson(loop)).toThrow();
  });
});
