import { readFileSync, writeFileSync } from 'node:fs';
import { flowJsonSchema } from '../src/json-schema';
import { nodeTypeReference, REFERENCE_START } from '../src/reference';

// The two generated artifacts of the registry: the JSON Schema and the node-type reference.
const schema = new URL('../flow.schema.json', import.meta.url);
writeFileSync(schema, `${JSON.stringify(flowJsonSchema(), null, 2)}\n`);
console.log(`wrote ${schema.pathname}`);

const docs = new URL('../../../docs/flow-format.md', import.meta.url);
const page = readFileSync(docs, 'utf8');
const at = page.indexOf(REFERENCE_START);
writeFileSync(docs, `${at < 0 ? `${page.trimEnd()}\n\n` : page.slice(0, at)}${nodeTypeReference()}`);
console.log(`wrote ${docs.pathname}`);
