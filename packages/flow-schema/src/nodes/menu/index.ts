import { z } from 'zod';
import type { StateJson, TransitionJson } from '../../machine/json';
import { action, defineNodeType, guard } from '../../node-type';
import { promptSchema, say } from '../../prompt';
import { duplicatesOf, promptUses, replayState, retryOr } from '../caller-input';

export const DTMF_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'] as const;

const optionSchema = z.object({
  key: z.enum(DTMF_KEYS, { error: 'a menu key is one of 0-9, * or #' }),
  label: z.string().max(100).default(''),
});

export const menuData = z.object({
  prompt: promptSchema.describe('The menu, read to the caller.'),
  options: z
    .array(optionSchema)
    .min(1, 'add at least one option')
    .describe('One outcome per key: `{ key, label }`.'),
  timeoutSeconds: z
    .number()
    .min(1)
    .max(60)
    .default(5)
    .describe('Seconds to wait for a key after the prompt ends.'),
  retries: z
    .number()
    .int()
    .min(0)
    .max(9)
    .default(2)
    .describe('How many more times the menu plays after no input or an invalid key before giving up.'),
  noInputPrompt: promptSchema.optional().describe('Played before the menu repeats after silence.'),
  invalidPrompt: promptSchema
    .optional()
    .describe('Played before the menu repeats after a key that is not an option.'),
  bargeIn: z.boolean().default(true).describe('Keys pressed during the prompt count.'),
});
type MenuData = z.output<typeof menuData>;

/** An IVR menu: a prompt, one outcome per key, and retries for silence and wrong keys. */
export const menuNode = defineNodeType({
  type: 'menu',
  data: menuData,
  defaults: () => ({
    prompt: say('For sales, press 1. For support, press 2.'),
    options: [
      { key: '1' as const, label: 'Sales' },
      { key: '2' as const, label: 'Support' },
    ],
    timeoutSeconds: 5,
    retries: 2,
    invalidPrompt: say('Sorry, that is not a valid choice.'),
    noInputPrompt: say('Sorry, I did not hear a choice.'),
    bargeIn: true,
  }),
  outcomes: (data) => [
    ...data.options.map((o) => ({
      name: o.key,
      label: o.label ? `${o.key} · ${o.label}` : `Press ${o.key}`,
    })),
    { name: 'noInput', label: 'No input' },
    { name: 'invalid', label: 'Invalid' },
  ],
  waitsForCaller: true,
  meta: {
    label: 'Menu',
    category: 'Caller input',
    icon: 'list-ordered',
    help: 'Plays a prompt and waits for one key. Silence or a key that is not an option replays the menu up to the retry count, then takes No input or Invalid.',
  },
  validate: (data) =>
    duplicatesOf(
      data.options,
      (o) => o.key,
      (i) => `options.${i}.key`,
      'key',
    ),
  references: (data) => prompts(data).references,
  variables: (data) => ({ reads: prompts(data).reads, writes: [] }),
  compile: (data, ctx) => compileMenu(data, ctx.nodeId, ctx.outcome),
});

const prompts = (data: MenuData) =>
  promptUses({ prompt: data.prompt, noInputPrompt: data.noInputPrompt, invalidPrompt: data.invalidPrompt });

function compileMenu(
  data: MenuData,
  nodeId: string,
  outcome: (name: string, extra?: object) => TransitionJson,
): StateJson {
  const self = `#call.${nodeId}`;
  const stop = action('stopPlayback');
  const failure = (kind: 'noInput' | 'invalid', retryState: string): TransitionJson[] =>
    retryOr(self, data.retries, retryState, outcome(kind, { actions: [stop] }), [stop]);
  const onKey: TransitionJson[] = [
    ...data.options.map((o) =>
      outcome(o.key, { guard: guard('digitIs', { digit: o.key }), actions: [stop] }),
    ),
    ...failure('invalid', 'retryInvalid'),
  ];
  const retry = (apology: MenuData['noInputPrompt']) =>
    replayState(self, apology, data.bargeIn ? onKey : undefined);
  return {
    entry: [action('resetAttempts')],
    initial: 'prompt',
    states: {
      prompt: {
        entry: [action('play', { prompt: data.prompt, bargeIn: data.bargeIn })],
        on: { PROMPT_DONE: { target: `${self}.waiting` }, ...(data.bargeIn ? { DTMF: onKey } : {}) },
      },
      waiting: {
        on: { DTMF: onKey },
        after: { [String(Math.round(data.timeoutSeconds * 1000))]: failure('noInput', 'retryNoInput') },
      },
      retryNoInput: retry(data.noInputPrompt),
      retryInvalid: retry(data.invalidPrompt),
    },
  };
}
