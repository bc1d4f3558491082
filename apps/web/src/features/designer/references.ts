import type { InlineSchedule, Reference } from '@parley/flow-schema';

/** Something of the tenant's a node can point at: a queue, a prompt, a skill… */
export interface ReferenceOption {
  id: string;
  name: string;
}

/** A tenant schedule; with its definition the schedule check can evaluate it. */
export interface ScheduleOption extends ReferenceOption {
  definition?: InlineSchedule;
}

/** The tenant's things the designer offers in reference fields instead of free text. */
export interface DesignerReferences {
  queues: ReferenceOption[];
  schedules: ScheduleOption[];
  prompts: ReferenceOption[];
  flows: ReferenceOption[];
  skills: ReferenceOption[];
}

/** What a reference field picks from: a tenant list, or the flow's own variables. */
export type ReferenceKind = Reference['kind'] | 'variable';

export const NO_REFERENCES: DesignerReferences = {
  queues: [],
  schedules: [],
  prompts: [],
  flows: [],
  skills: [],
};

const LISTS: Record<Reference['kind'], keyof DesignerReferences> = {
  queue: 'queues',
  schedule: 'schedules',
  prompt: 'prompts',
  flow: 'flows',
  skill: 'skills',
};

/** The tenant list a reference kind picks from. */
export function referenceOptions(refs: DesignerReferences, kind: Reference['kind']): ReferenceOption[] {
  return refs[LISTS[kind]];
}

/** The display name of a referenced id, or the id itself when the tenant has no such thing. */
export function referenceName(refs: DesignerReferences, kind: Reference['kind'], id: string): string {
  return referenceOptions(refs, kind).find((o) => o.id === id)?.name ?? id;
}

/** Tenant schedules that carry a definition, by id, as the engine and schedule check read them. */
export function scheduleDefinitions(refs: DesignerReferences): Record<string, InlineSchedule> {
  const out: Record<string, InlineSchedule> = {};
  for (const s of refs.schedules) if (s.definition) out[s.id] = s.definition;
  return out;
}
