import type { z } from 'zod';
import { z as zod } from 'zod';
import type { ReferenceKind } from '../references';
import { labelFor } from './field-labels';

/** The part of JSON Schema that `z.toJSONSchema` writes for node data. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  propertyNames?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
}

interface FieldBase {
  /** The data key (or array item / record key placeholder) this field edits. */
  key: string;
  label: string;
  help?: string;
  /** Must be present; optional fields can be left out (cleared, or added with a button). */
  required: boolean;
  default?: unknown;
}

export interface UnionVariant {
  value: string;
  label: string;
  fields: FieldDescriptor[];
}

/** One control of a generated form. */
export type FieldDescriptor = FieldBase &
  (
    | { kind: 'text'; multiline: boolean; minLength?: number; maxLength?: number; pattern?: string }
    | { kind: 'number'; integer: boolean; min?: number; max?: number }
    | { kind: 'boolean' }
    | { kind: 'enum'; options: { value: string | null; label: string }[] }
    | { kind: 'reference'; ref: ReferenceKind }
    /** A literal that may be text, a number or yes/no: edited as text. */
    | { kind: 'scalar' }
    | { kind: 'object'; fields: FieldDescriptor[] }
    | { kind: 'array'; item: FieldDescriptor; minItems: number; maxItems?: number }
    /** An object keyed by a fixed set of names (weekdays): each key is optional. */
    | { kind: 'record'; keys: string[]; value: FieldDescriptor }
    /**
     * One of several shapes: with a discriminator (`kind`) chosen by its value; without one (a Teams
     * user by upn or object id) chosen by the one key each shape requires.
     */
    | { kind: 'union'; discriminator: string | null; variants: UnionVariant[] }
  );

/** Keys whose value names something chosen from a list rather than typed. */
const REFERENCE_KEYS: Record<string, ReferenceKind> = {
  queueId: 'queue',
  promptId: 'prompt',
  scheduleId: 'schedule',
  flowId: 'flow',
  skillId: 'skill',
  variable: 'variable',
  var: 'variable',
};

const MULTILINE_KEYS = new Set(['text', 'body']);

/** The form of a node type's data, from its zod schema (as JSON Schema, input side: defaults optional). */
export function formFor(schema: z.ZodType): FieldDescriptor[] {
  const json = zod.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return objectFields(json);
}

/** The fields of an object schema, in the schema's order. */
export function objectFields(schema: JsonSchema, skip?: string): FieldDescriptor[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {})
    .filter(([key]) => key !== skip)
    .map(([key, prop]) => describeField(key, prop, required.has(key) && prop.default === undefined));
}

/** One field of a form from its JSON Schema. */
export function describeField(key: string, schema: JsonSchema, required: boolean): FieldDescriptor {
  const base: FieldBase = {
    key,
    label: labelFor(key),
    required,
    ...(schema.description ? { help: schema.description.replace(/`/g, '') } : {}),
    ...(schema.default !== undefined ? { default: schema.default } : {}),
  };
  const ref = REFERENCE_KEYS[key];
  if (ref && (schema.type === 'string' || schema.pattern !== undefined))
    return { ...base, kind: 'reference', ref };

  const variants = schema.oneOf ?? schema.anyOf;
  if (variants) {
    const nonNull = variants.filter((v) => v.type !== 'null');
    // A nullable enum (`'#' | '*' | null`) is one select with a "none" choice.
    if (nonNull.length === 1 && nonNull.length < variants.length && nonNull[0]!.enum) {
      return {
        ...base,
        kind: 'enum',
        options: [
          ...nonNull[0]!.enum.map((v) => ({ value: String(v), label: labelFor(String(v)) })),
          { value: null, label: 'None' },
        ],
      };
    }
    if (nonNull.every((v) => v.type === 'object')) return { ...base, ...unionOf(nonNull) };
  }
  if (Array.isArray(schema.type)) return { ...base, kind: 'scalar' };
  if (schema.enum) {
    return {
      ...base,
      kind: 'enum',
      options: schema.enum.map((v) => ({ value: String(v), label: labelFor(String(v)) })),
    };
  }
  switch (schema.type) {
    case 'string':
      return {
        ...base,
        kind: 'text',
        multiline: MULTILINE_KEYS.has(key) || (schema.maxLength ?? 0) > 4000,
        ...(schema.minLength !== undefined ? { minLength: schema.minLength } : {}),
        ...(schema.maxLength !== undefined ? { maxLength: schema.maxLength } : {}),
        ...(schema.pattern !== undefined ? { pattern: schema.pattern } : {}),
      };
    case 'number':
    case 'integer':
      return {
        ...base,
        kind: 'number',
        integer: schema.type === 'integer',
        ...(schema.minimum !== undefined ? { min: schema.minimum } : {}),
        ...(schema.maximum !== undefined ? { max: schema.maximum } : {}),
      };
    case 'boolean':
      return { ...base, kind: 'boolean' };
    case 'array':
      return {
        ...base,
        kind: 'array',
        item: describeField(singular(key), schema.items ?? {}, true),
        minItems: schema.minItems ?? 0,
        ...(schema.maxItems !== undefined ? { maxItems: schema.maxItems } : {}),
      };
    case 'object': {
      const keys = schema.propertyNames?.enum;
      if (keys && typeof schema.additionalProperties === 'object') {
        return {
          ...base,
          kind: 'record',
          keys: keys.map(String),
          value: describeField('value', schema.additionalProperties, true),
        };
      }
      return { ...base, kind: 'object', fields: objectFields(schema) };
    }
    default:
      return { ...base, kind: 'scalar' };
  }
}

function unionOf(variants: JsonSchema[]): {
  kind: 'union';
  discriminator: string | null;
  variants: UnionVariant[];
} {
  const discriminator =
    Object.keys(variants[0]?.properties ?? {}).find((k) =>
      variants.every((v) => v.properties?.[k]?.const !== undefined),
    ) ?? null;
  return {
    kind: 'union',
    discriminator,
    variants: variants.map((v) => {
      const value = discriminator
        ? String(v.properties![discriminator]!.const)
        : (v.required?.[0] ?? Object.keys(v.properties ?? {})[0] ?? '');
      return { value, label: labelFor(value), fields: objectFields(v, discriminator ?? undefined) };
    }),
  };
}

const singular = (key: string) => (key.endsWith('ies') ? `${key.slice(0, -3)}y` : key.replace(/s$/, ''));

/** Which variant of a union a value is: by its discriminator, or by the key it carries. */
export function variantOf(
  field: Extract<FieldDescriptor, { kind: 'union' }>,
  value: unknown,
): UnionVariant | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  return field.discriminator
    ? field.variants.find((x) => x.value === v[field.discriminator!])
    : field.variants.find((x) => x.value in v);
}

/** A value a new field starts with: the schema default, else the smallest value that fits. */
export function initialValue(field: FieldDescriptor): unknown {
  if (field.default !== undefined) return structuredClone(field.default);
  switch (field.kind) {
    case 'text':
    case 'reference':
    case 'scalar':
      return '';
    case 'number':
      return field.min ?? 0;
    case 'boolean':
      return false;
    case 'enum':
      return field.options[0]?.value ?? null;
    case 'object':
      return objectValue(field.fields);
    case 'array':
      return Array.from({ length: field.minItems }, () => initialValue(field.item));
    case 'record':
      return {};
    case 'union':
      return field.variants[0] ? variantValue(field, field.variants[0]) : {};
  }
}

/** The starting value of one union variant (what choosing it in the kind select puts in place). */
export function variantValue(
  field: Extract<FieldDescriptor, { kind: 'union' }>,
  variant: UnionVariant,
): unknown {
  if (field.discriminator) return { [field.discriminator]: variant.value, ...objectValue(variant.fields) };
  return objectValue(
    variant.fields.filter((f) => f.key === variant.value),
    true,
  );
}

function objectValue(fields: FieldDescriptor[], all = false): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) if (all || f.required || f.default !== undefined) out[f.key] = initialValue(f);
  return out;
}
