import { z } from 'zod';
import { variableNameSchema } from './document';
import { callFieldSchema, type Scope } from './template';

/** One side of a comparison: a flow variable, a call field, or a literal. */
export const operandSchema = z.union([
  z.object({ var: variableNameSchema }).strict(),
  z.object({ call: callFieldSchema }).strict(),
  z.object({ value: z.union([z.string(), z.number(), z.boolean()]) }).strict(),
]);
export type Operand = z.output<typeof operandSchema>;

export const comparisonOps = [
  'eq',
  'ne',
  'lt',
  'lte',
  'gt',
  'gte',
  'contains',
  'startsWith',
  'endsWith',
  'isEmpty',
  'isNotEmpty',
] as const;
export type ComparisonOp = (typeof comparisonOps)[number];
const unaryOps: readonly ComparisonOp[] = ['isEmpty', 'isNotEmpty'];

export const comparisonSchema = z
  .object({ left: operandSchema, op: z.enum(comparisonOps), right: operandSchema.optional() })
  .refine((c) => unaryOps.includes(c.op) || c.right !== undefined, {
    message: 'this comparison needs a right-hand side',
    path: ['right'],
  });
export type Comparison = z.output<typeof comparisonSchema>;

/** All (or any) of a list of comparisons: the whole expression language, with nothing to eval. */
export const conditionSchema = z.object({
  match: z.enum(['all', 'any']).default('all'),
  rules: z.array(comparisonSchema).min(1, 'add at least one rule'),
});
export type Condition = z.output<typeof conditionSchema>;

type Value = string | number | boolean | null | undefined;

function read(operand: Operand, scope: Scope): Value {
  if ('var' in operand) return scope.vars[operand.var];
  if ('call' in operand) return scope.call[operand.call];
  return operand.value;
}

function asNumber(v: Value): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

/** Numbers compare as numbers when both sides read as numbers (digits collected are strings). */
function compare(a: Value, b: Value): number {
  const na = asNumber(a);
  const nb = asNumber(b);
  if (na !== null && nb !== null) return na - nb;
  return String(a ?? '').localeCompare(String(b ?? ''));
}

/** Evaluates one comparison against what the call knows now. */
export function evaluateComparison(c: Comparison, scope: Scope): boolean {
  const left = read(c.left, scope);
  const right = c.right ? read(c.right, scope) : undefined;
  const text = String(left ?? '');
  switch (c.op) {
    case 'eq':
      return compare(left, right) === 0;
    case 'ne':
      return compare(left, right) !== 0;
    case 'lt':
      return compare(left, right) < 0;
    case 'lte':
      return compare(left, right) <= 0;
    case 'gt':
      return compare(left, right) > 0;
    case 'gte':
      return compare(left, right) >= 0;
    case 'contains':
      return text.includes(String(right ?? ''));
    case 'startsWith':
      return text.startsWith(String(right ?? ''));
    case 'endsWith':
      return text.endsWith(String(right ?? ''));
    case 'isEmpty':
      return text === '';
    case 'isNotEmpty':
      return text !== '';
  }
}

/** Evaluates a condition: every rule (`all`) or at least one (`any`). */
export function evaluateCondition(condition: Condition, scope: Scope): boolean {
  const results = condition.rules.map((rule) => evaluateComparison(rule, scope));
  return condition.match === 'all' ? results.every(Boolean) : results.some(Boolean);
}

/** The flow variables an operand reads, for the undefined-variable check. */
export function operandVariables(operand: Operand | undefined): string[] {
  return operand && 'var' in operand ? [operand.var] : [];
}
