import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical';
import { contentHash, hashJson, hashText } from './hash';
import { createSha256 } from './sha256';

const states = Object.fromEntries(
  Array.from({ length: 40 }, (_, i) => [
    `node${i}`,
    { entry: [{ type: 'play' }], meta: { nodeId: `node${i}` } },
  ]),
);
const values: Record<string, unknown> = {
  'a machine with more states than one group': { id: 'call', initial: 'node0', states },
  'a long array of members': { list: Array.from({ length: 50 }, (_, i) => ({ i, text: 'é'.repeat(i) })) },
  'members JSON leaves out or writes as null': { a: undefined, b: [undefined, () => 1], c: { d: undefined } },
  'members that are all left out': { states: { a: undefined, b: undefined } },
  'index keys and a __proto__ key': JSON.parse('{"states": {"b": 1, "10": 2, "2": 3, "__proto__": 4}}'),
  'text longer than a hash chunk': { states: { big: 'x'.repeat(20_000), small: '𝄞' } },
  'empty containers': { states: {}, list: [] },
  'a string': 'just text',
  'a number': 42,
  null: null,
};

describe('hashing JSON', () => {
  it.each(Object.entries(values))('%s: the sha256 of JSON.stringify', (_, value) => {
    expect(hashJson(value)).toBe(hashText(JSON.stringify(value)));
  });

  it('the content hash is that of the canonical JSON', () => {
    const value = { b: [1, { d: 2, c: 3 }], a: 'é' };
    expect(contentHash(value)).toBe(hashText(canonicalJson(value)));
  });

  it('Node and the JavaScript fallback browsers use give the same hex, split or not', () => {
    expect(hashText('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const browser = createSha256(null);
    for (const piece of ['a', 'b', 'c']) browser.update(piece);
    expect(browser.hex()).toBe(hashText('abc'));
    const text = 'Grüße, 𝄞 and "quotes"\n'.repeat(500);
    const whole = createSha256(null);
    whole.update(text);
    expect(whole.hex()).toBe(hashText(text));
  });
});
