import type { Reference, VariableUse } from './node-type';
import type { Prompt } from './prompt';
import { templateRefs } from './template';

/** The uploaded prompt a prompt field points at, if any. */
export function promptReferences(prompt: Prompt | undefined, field: string): Reference[] {
  return prompt?.kind === 'audio'
    ? [{ kind: 'prompt', id: prompt.promptId, field: `${field}.promptId` }]
    : [];
}

/** The flow variables a text prompt's placeholders read. */
export function promptReads(prompt: Prompt | undefined, field: string): VariableUse[] {
  return prompt?.kind === 'tts' ? templateReads(prompt.text, `${field}.text`) : [];
}

/**
 * What a template's placeholders read: flow variables by name, call fields as `call.NAME`, and anything
 * else as written, so the validator can say which placeholder it does not understand.
 */
export function templateReads(template: string | undefined, field: string): VariableUse[] {
  if (!template) return [];
  return templateRefs(template).map((ref) => {
    if (ref.kind === 'var') return { name: ref.name, field };
    if (ref.kind === 'call') return { name: `call.${ref.name}`, field };
    return { name: ref.text, field };
  });
}
