import { readFileSync } from 'node:fs';
import { type CompiledFlow, compileFlow, type FlowDocumentInput, parseFlow } from '@parley/flow-schema';

/** Compiles a flow document for a test, failing loudly with its problems. */
export function compile(input: FlowDocumentInput | unknown): CompiledFlow {
  const parsed = parseFlow(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems, null, 1));
  const result = compileFlow(parsed.document);
  if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 1));
  return result.compiled;
}

/** One of the example flows shipped with flow-schema. */
export function example(name: string): CompiledFlow {
  return compile(
    JSON.parse(readFileSync(new URL(`../../flow-schema/examples/${name}`, import.meta.url), 'utf8')),
  );
}
