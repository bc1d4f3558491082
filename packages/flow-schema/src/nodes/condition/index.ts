import { z } from 'zod';
import { type Condition, conditionSchema, operandVariables } from '../../expression';
import type { VariableUse } from '../../node-type';
import { defineNodeType, guard } from '../../node-type';
import { duplicatesOf } from '../caller-input';

const OTHERWISE = 'otherwise';

const branchSchema = z.object({
  /** The outcome name of this branch: the handle the designer draws. */
  id: z
    .string()
    .regex(
      /^[A-Za-z][A-Za-z0-9_-]{0,31}$/,
      'a branch id starts with a letter and uses letters, digits, _ and -',
    )
    .refine((id) => id !== OTHERWISE, {
      message: `"${OTHERWISE}" is the branch taken when no other matches`,
    }),
  label: z.string().max(100).default(''),
  condition: conditionSchema,
});

export const conditionData = z.object({
  branches: z
    .array(branchSchema)
    .min(1, 'add at least one branch')
    .describe('Checked in order: `{ id, label, condition }`; the id is the outcome.'),
});

/** Branches on variables and call data: the first branch whose condition holds, else Otherwise. */
export const conditionNode = defineNodeType({
  type: 'condition',
  data: conditionData,
  defaults: () => ({
    branches: [
      {
        id: 'match',
        label: 'Caller is known',
        condition: {
          match: 'all' as const,
          rules: [{ left: { call: 'callerName' as const }, op: 'isNotEmpty' as const }],
        },
      },
    ],
  }),
  outcomes: (data) => [
    ...data.branches.map((b) => ({ name: b.id, label: b.label || b.id })),
    { name: OTHERWISE, label: 'Otherwise' },
  ],
  waitsForCaller: false,
  meta: {
    label: 'Condition',
    category: 'Logic',
    icon: 'split',
    help: 'Checks branches in order and takes the first whose rules hold (all of them, or any). Compares flow variables, call data and values; digits compare as numbers. Otherwise is taken when none holds.',
  },
  validate: (data) =>
    duplicatesOf(
      data.branches,
      (b) => b.id,
      (i) => `branches.${i}.id`,
      'branch id',
    ),
  variables: (data) => ({
    reads: data.branches.flatMap((b, i) => conditionReads(b.condition, `branches.${i}.condition`)),
    writes: [],
  }),
  compile: (data, ctx) => ({
    always: [
      ...data.branches.map((b) =>
        ctx.outcome(b.id, { guard: guard('condition', { condition: b.condition }) }),
      ),
      ctx.outcome(OTHERWISE),
    ],
  }),
});

function conditionReads(condition: Condition, field: string): VariableUse[] {
  return condition.rules.flatMap((rule, i) => [
    ...operandVariables(rule.left).map((name) => ({ name, field: `${field}.rules.${i}.left` })),
    ...operandVariables(rule.right).map((name) => ({ name, field: `${field}.rules.${i}.right` })),
  ]);
}
