import type { z } from 'zod';
import type { FlowSettings, FlowVariable } from './document';
import type { ActionParams, GuardParams } from './machine/contract';
import type { ActionJson, GuardJson, StateJson, TransitionJson } from './machine/json';
import type { Problem } from './problems';

/** A named exit of a node: one handle in the designer, one edge in the document. */
export interface OutcomeSpec {
  name: string;
  label: string;
}

/** Something a node points at that lives outside the flow document. */
export interface Reference {
  kind: 'queue' | 'schedule' | 'prompt' | 'flow' | 'skill';
  id: string;
  field: string;
}

/** A variable a node reads or writes, and the field that mentions it. */
export interface VariableUse {
  name: string;
  field: string;
}

/** A problem as a node type reports it; the validator adds the node id. */
export type NodeProblem = Omit<Problem, 'nodeId'>;

export interface NodeValidationContext {
  settings: FlowSettings;
}

/** What a node type's compile function gets besides its data. */
export interface CompileContext {
  nodeId: string;
  settings: FlowSettings;
  /** The flow's declared variables by name. */
  variables: ReadonlyMap<string, FlowVariable>;
  /** The transition that leaves this node by an outcome: to the wired node, or ending the call. */
  outcome(name: string, extra?: { guard?: GuardJson; actions?: ActionJson[] }): TransitionJson;
}

export interface EditorMeta {
  label: string;
  category: 'Call' | 'Caller input' | 'Logic' | 'Routing' | 'Integration';
  /** A lucide icon name. */
  icon: string;
  help: string;
}

/**
 * Everything Parley knows about one kind of node, in one place: its data, its outcomes, its rules,
 * how it compiles, and how the designer shows it.
 */
export interface NodeType<S extends z.ZodType = z.ZodType> {
  type: string;
  data: S;
  /** Data a new node of this type starts with in the designer: passes `data`, but may leave a tenant reference to choose. */
  defaults: () => z.input<S>;
  outcomes: (data: z.output<S>) => OutcomeSpec[];
  /** Whether the node waits for the caller (or the network): loops through it are not runaway loops. */
  waitsForCaller: boolean;
  /** A node that can end the call may appear without outcomes (hangup). */
  meta: EditorMeta;
  validate?: (data: z.output<S>, ctx: NodeValidationContext) => NodeProblem[];
  references?: (data: z.output<S>) => Reference[];
  variables?: (data: z.output<S>) => { reads: VariableUse[]; writes: VariableUse[] };
  compile: (data: z.output<S>, ctx: CompileContext) => StateJson;
}

/** Declares a node type with its data type inferred from its schema. */
export function defineNodeType<S extends z.ZodType>(spec: NodeType<S>): NodeType<S> {
  return spec;
}

/** A named action of the machine contract, with typed params. */
export function action<K extends keyof ActionParams>(
  type: K,
  ...params: ActionParams[K] extends Record<string, never> ? [] : [ActionParams[K]]
): ActionJson {
  // Keys in canonical order (params before type), so the compiled machine needs no copy to sort them.
  return params[0] === undefined ? { type } : { params: params[0] as Record<string, unknown>, type };
}

/** A named guard of the machine contract, with typed params. */
export function guard<K extends keyof GuardParams>(
  type: K,
  ...params: GuardParams[K] extends Record<string, never> ? [] : [GuardParams[K]]
): GuardJson {
  return params[0] === undefined ? { type } : { params: params[0] as Record<string, unknown>, type };
}
