import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { flowJsonSchema } from './json-schema';
import { nodeTypeReference, REFERENCE_START } from './reference';
import { nodeTypes } from './registry';

describe('JSON Schema', () => {
  it('flow.schema.json is what the registry generates (run `npm run build -w @parley/flow-schema` after changing a schema)', () => {
    const committed = JSON.parse(readFileSync(new URL('../flow.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(flowJsonSchema());
  });

  it('describes every node type', () => {
    const text = JSON.stringify(flowJsonSchema());
    for (const t of nodeTypes) expect(text).toContain(`"const":"${t.type}"`);
  });
});

describe('node-type reference', () => {
  it('docs/flow-format.md ends with what the registry generates (run `npm run build -w @parley/flow-schema`)', () => {
    const page = readFileSync(new URL('../../../docs/flow-format.md', import.meta.url), 'utf8');
    expect(page.slice(page.indexOf(REFERENCE_START))).toBe(nodeTypeReference());
  });
});
