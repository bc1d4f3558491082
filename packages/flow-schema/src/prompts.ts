import { canonicalJson } from './canonical';
import type { CompiledFlow } from './compile';
import type { ActionJson, StateJson, TransitionsJson } from './machine/json';
import { type Prompt, promptSchema } from './prompt';
import { templateRefs } from './template';

/**
 * Every prompt a compiled flow can play that is known before a call: text without placeholders and
 * uploaded audio, each once. Publishing renders these so no call waits for text to speech.
 */
export function fixedPrompts(compiled: CompiledFlow): Prompt[] {
  const found = new Map<string, Prompt>();
  for (const action of actionsOf(compiled.machine)) {
    for (const prompt of promptsIn(action.params)) {
      if (prompt.kind === 'tts' && templateRefs(prompt.text).length > 0) continue;
      found.set(canonicalJson(prompt), prompt);
    }
  }
  return [...found.values()];
}

/** Every action a state and its children can run: entry, exit, transitions and resume effects. */
function* actionsOf(state: StateJson): Generator<ActionJson> {
  yield* state.entry ?? [];
  yield* state.exit ?? [];
  yield* state.meta?.resume ?? [];
  const transitions = [
    ...Object.values(state.on ?? {}),
    ...Object.values(state.after ?? {}),
    ...(state.always ? [state.always] : []),
  ];
  for (const t of transitions.flatMap((one: TransitionsJson) => (Array.isArray(one) ? one : [one])))
    yield* t.actions ?? [];
  for (const child of Object.values(state.states ?? {})) yield* actionsOf(child);
}

/**
 * The prompts among an action's params, at any depth. Matching by shape rather than by action name
 * (play, hold, voicemail …) keeps a prompt of an action added later from being missed.
 */
function promptsIn(value: unknown): Prompt[] {
  if (Array.isArray(value)) return value.flatMap(promptsIn);
  if (value === null || typeof value !== 'object') return [];
  const prompt = promptSchema.safeParse(value);
  if (prompt.success) return [prompt.data];
  return Object.values(value).flatMap(promptsIn);
}
