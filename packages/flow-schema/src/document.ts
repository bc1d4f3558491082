import { z } from 'zod';

/** The schema version this package reads and writes; older documents are upgraded on parse. */
export const CURRENT_SCHEMA_VERSION = 1;

/** Node ids double as statechart state keys, so they avoid XState's `.` and `#` delimiters. */
export const nodeIdSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'a node id starts with a letter and uses letters, digits, _ and -');

export const variableNameSchema = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]{0,63}$/,
    'a variable name starts with a letter or _ and uses letters, digits and _',
  );

export const variableSchema = z.object({
  name: variableNameSchema,
  type: z.enum(['string', 'number', 'boolean']).default('string'),
  default: z.union([z.string(), z.number(), z.boolean()]).optional(),
  description: z.string().max(500).optional(),
});
export type FlowVariable = z.output<typeof variableSchema>;

export const flowSettingsSchema = z.object({
  /** BCP 47 language of prompts (text to speech) unless a prompt says otherwise. */
  language: z.string().min(2).max(35).default('en-US'),
  /** Voice name for text to speech; the engine's default voice for the language when absent. */
  voice: z.string().max(100).optional(),
  /** IANA timezone in which business hours are read unless a schedule says otherwise. */
  timezone: z.string().min(1).default('UTC'),
  /** Steps a call may take without waiting for the caller before it ends in the runaway error. */
  maxSteps: z.number().int().min(10).max(100_000).default(1000),
});
export type FlowSettings = z.output<typeof flowSettingsSchema>;

export const flowNodeSchema = z.object({
  id: nodeIdSchema,
  type: z.string().min(1),
  label: z.string().max(200).optional(),
  position: z.object({ x: z.number(), y: z.number() }).default({ x: 0, y: 0 }),
  /** Outcomes the admin chose to end the call on instead of wiring them to a node. */
  endCallOn: z.array(z.string()).default([]),
  /** Checked against the node type's own schema by the validator. */
  data: z.record(z.string(), z.unknown()).default({}),
});
export type FlowNode = z.output<typeof flowNodeSchema>;

export const flowEdgeSchema = z.object({
  id: z.string().min(1).max(200),
  source: z.string(),
  /** The named outcome of the source node this edge leaves from (the designer's handle id). */
  outcome: z.string(),
  target: z.string(),
});
export type FlowEdge = z.output<typeof flowEdgeSchema>;

export const flowDocumentSchema = z.object({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  name: z.string().min(1).max(200),
  description: z.string().max(2000).optional(),
  settings: flowSettingsSchema.default(flowSettingsSchema.parse({})),
  variables: z.array(variableSchema).default([]),
  nodes: z.array(flowNodeSchema),
  edges: z.array(flowEdgeSchema).default([]),
});
/** A flow as the designer saves it and the compiler reads it. */
export type FlowDocument = z.output<typeof flowDocumentSchema>;
/** A flow as it may be written by hand: defaults may be left out. */
export type FlowDocumentInput = z.input<typeof flowDocumentSchema>;
