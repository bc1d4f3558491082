import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { flowJsonSchema } from './json-schema';
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
