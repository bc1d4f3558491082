import { z } from 'zod';
import { flowDocumentSchema, flowNodeSchema } from './document';
import { nodeTypes } from './registry';

/**
 * The flow document as JSON Schema, with each node's `data` described by its own node type, for
 * editors and for tools in other languages. `flow.schema.json` is this, written by `npm run build`.
 */
export function flowJsonSchema(): Record<string, unknown> {
  const nodes = nodeTypes.map((t) =>
    flowNodeSchema
      .extend({ type: z.literal(t.type), data: t.data })
      .describe(`${t.meta.label}: ${t.meta.help}`),
  );
  const document = flowDocumentSchema.extend({
    nodes: z.array(
      z.discriminatedUnion('type', nodes as unknown as [(typeof nodes)[number], ...typeof nodes]),
    ),
  });
  return {
    ...z.toJSONSchema(document, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://parley.dev/schemas/flow.schema.json',
    title: 'Parley flow document',
  };
}
