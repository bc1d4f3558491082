import { z } from 'zod';
import { variableNameSchema } from '../../document';
import type { StateJson, TransitionJson } from '../../machine/json';
import { action, defineNodeType, guard } from '../../node-type';
import { promptSchema, say } from '../../prompt';
import { afterSeconds, digitEntry, promptUses, replayState, retryOr } from '../caller-input';

export const collectDigitsData = z
  .object({
    prompt: promptSchema.describe('Asks for the digits.'),
    variable: variableNameSchema.describe(
      'The flow variable the digits are stored in, without the terminator.',
    ),
    minLength: z
      .number()
      .int()
      .min(1)
      .max(32)
      .default(1)
      .describe('Fewer digits take the retry path, then Too short.'),
    maxLength: z
      .number()
      .int()
      .min(1)
      .max(32)
      .default(10)
      .describe('Input ends as soon as this many digits are typed.'),
    terminator: z
      .enum(['#', '*'])
      .nullable()
      .default('#')
      .describe('The key that ends input early; null to end only by length or silence.'),
    timeoutSeconds: z
      .number()
      .min(1)
      .max(60)
      .default(5)
      .describe('Seconds to wait for the first key after the prompt ends.'),
    interDigitTimeoutSeconds: z
      .number()
      .min(1)
      .max(30)
      .default(3)
      .describe('Seconds of silence between keys that end input.'),
    retries: z
      .number()
      .int()
      .min(0)
      .max(9)
      .default(2)
      .describe('How many more times the prompt plays after silence or too few digits before giving up.'),
    noInputPrompt: promptSchema.optional().describe('Played before the prompt repeats after silence.'),
    invalidPrompt: promptSchema.optional().describe('Played before the prompt repeats after too few digits.'),
    bargeIn: z.boolean().default(true).describe('Keys typed during the prompt count.'),
  })
  .refine((d) => d.minLength <= d.maxLength, {
    message: 'minimum length is more than maximum length',
    path: ['minLength'],
  });
type CollectDigitsData = z.output<typeof collectDigitsData>;

/** Collects a number the caller types (an account, a PIN) into a variable. */
export const collectDigitsNode = defineNodeType({
  type: 'collectDigits',
  data: collectDigitsData,
  defaults: () => ({
    prompt: say('Please enter your account number, then press pound.'),
    variable: 'accountNumber',
    minLength: 4,
    maxLength: 10,
    terminator: '#' as const,
    timeoutSeconds: 5,
    interDigitTimeoutSeconds: 3,
    retries: 2,
    bargeIn: true,
  }),
  outcomes: () => [
    { name: 'done', label: 'Collected' },
    { name: 'noInput', label: 'No input' },
    { name: 'invalid', label: 'Too short' },
  ],
  waitsForCaller: true,
  meta: {
    label: 'Collect digits',
    category: 'Caller input',
    icon: 'grid-3x3',
    help: 'Plays a prompt and collects keys into a variable until the terminator, the maximum length or a pause. Too few digits or silence replays the prompt up to the retry count.',
  },
  references: (data) => prompts(data).references,
  variables: (data) => ({
    reads: prompts(data).reads,
    writes: [{ name: data.variable, field: 'variable' }],
  }),
  compile: (data, ctx) => compileCollect(data, ctx.nodeId, ctx.outcome),
});

const prompts = (data: CollectDigitsData) =>
  promptUses({ prompt: data.prompt, noInputPrompt: data.noInputPrompt, invalidPrompt: data.invalidPrompt });

function compileCollect(
  data: CollectDigitsData,
  nodeId: string,
  outcome: (name: string, extra?: object) => TransitionJson,
): StateJson {
  const self = `#call.${nodeId}`;
  const failure = (kind: 'noInput' | 'invalid', retryState: string) =>
    retryOr(self, data.retries, retryState, outcome(kind));
  const keys = digitEntry(self, {
    terminator: data.terminator,
    maxDigits: data.maxLength,
    interDigitMs: Math.round(data.interDigitTimeoutSeconds * 1000),
    complete: 'complete',
  });
  return {
    entry: [action('resetAttempts')],
    initial: 'prompt',
    states: {
      prompt: {
        entry: [action('clearDigits'), action('play', { prompt: data.prompt, bargeIn: data.bargeIn })],
        on: {
          PROMPT_DONE: { target: `${self}.waiting` },
          ...(data.bargeIn ? { DTMF: keys.onKey(true) } : {}),
        },
      },
      waiting: {
        on: { DTMF: keys.onKey(false) },
        after: { [afterSeconds(data.timeoutSeconds)]: failure('noInput', 'retryNoInput') },
      },
      collected: keys.collected,
      more: keys.more,
      complete: {
        always: [
          outcome('done', {
            guard: guard('digitsAtLeast', { min: data.minLength }),
            actions: [action('storeDigits', { variable: data.variable })],
          }),
          ...failure('invalid', 'retryInvalid'),
        ],
      },
      retryNoInput: replayState(self, data.noInputPrompt),
      retryInvalid: replayState(self, data.invalidPrompt),
    },
  };
}
