import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type FlowDocument, parseFlow } from '@parley/flow-schema';

const examples = join(import.meta.dirname, '../../../../packages/flow-schema/examples');

/** An example flow of the flow-schema package, parsed (defaults filled in) as the designer gets it. */
export function example(name: 'contact-center' | 'simple-menu' | 'broken-menu'): FlowDocument {
  const parsed = parseFlow(JSON.parse(readFileSync(join(examples, `${name}.json`), 'utf8')));
  if (!parsed.ok) throw new Error(`${name} does not parse`);
  return parsed.document;
}
