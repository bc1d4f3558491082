import { z } from 'zod';
import { variableNameSchema } from '../../document';
import { action, defineNodeType } from '../../node-type';
import { templateReads } from '../../prompt-uses';

const assignmentSchema = z.object({
  variable: variableNameSchema,
  value: z
    .string()
    .max(2000)
    .describe("A template: `{{call.caller}}`, `gold`, `{{digits}}`; read as the variable's declared type."),
});

export const setVariableData = z.object({
  assignments: z
    .array(assignmentSchema)
    .min(1, 'add at least one assignment')
    .describe('`{ variable, value }`, applied in order.'),
});

/** Sets flow variables from text, other variables and call data. */
export const setVariableNode = defineNodeType({
  type: 'setVariable',
  data: setVariableData,
  defaults: () => ({ assignments: [{ variable: 'tier', value: 'standard' }] }),
  outcomes: () => [{ name: 'next', label: 'Next' }],
  waitsForCaller: false,
  meta: {
    label: 'Set variable',
    category: 'Logic',
    icon: 'variable',
    help: 'Sets one or more variables, in order. Values may hold placeholders like {{call.caller}}; a number or yes/no variable reads the text as its type (empty when it does not fit).',
  },
  variables: (data) => ({
    reads: data.assignments.flatMap((a, i) => templateReads(a.value, `assignments.${i}.value`)),
    writes: data.assignments.map((a, i) => ({ name: a.variable, field: `assignments.${i}.variable` })),
  }),
  compile: (data, ctx) => ({
    always: ctx.outcome('next', {
      actions: [
        action('setVariables', {
          assignments: data.assignments.map((a) => ({
            variable: a.variable,
            value: a.value,
            type: ctx.variables.get(a.variable)?.type ?? 'string',
          })),
        }),
      ],
    }),
  }),
});
