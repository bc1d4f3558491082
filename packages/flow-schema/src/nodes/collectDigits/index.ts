import { z } from 'zod';
import { variableNameSchema } from '../../document';
import type { StateJson, TransitionJson } from '../../machine/json';
import { action, defineNodeType, guard } from '../../node-type';
import { promptSchema, say } from '../../prompt';
import { promptReads, promptReferences } from '../../prompt-uses';

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
  references: (data) => [
    ...promptReferences(data.prompt, 'prompt'),
    ...promptReferences(data.noInputPrompt, 'noInputPrompt'),
    ...promptReferences(data.invalidPrompt, 'invalidPrompt'),
  ],
  variables: (data) => ({
    reads: [
      ...promptReads(data.prompt, 'prompt'),
      ...promptReads(data.noInputPrompt, 'noInputPrompt'),
      ...promptReads(data.invalidPrompt, 'invalidPrompt'),
    ],
    writes: [{ name: data.variable, field: 'variable' }],
  }),
  compile: (data, ctx) => compileCollect(data, ctx.nodeId, ctx.outcome),
});

const ms = (seconds: number) => String(Math.round(seconds * 1000));

function compileCollect(
  data: CollectDigitsData,
  nodeId: string,
  outcome: (name: string, extra?: object) => TransitionJson,
): StateJson {
  const self = `#call.${nodeId}`;
  const failure = (kind: 'noInput' | 'invalid', retryState: string): TransitionJson[] => [
    {
      guard: guard('attemptsBelow', { max: data.retries }),
      target: `${self}.${retryState}`,
      actions: [action('countAttempt')],
    },
    outcome(kind),
  ];
  // The terminator ends input and is not kept; any other key is appended, then the length is checked.
  const onKey = (stop: boolean): TransitionJson[] => [
    ...(data.terminator
      ? [
          {
            guard: guard('digitIs', { digit: data.terminator }),
            target: `${self}.complete`,
            actions: stop ? [action('stopPlayback')] : [],
          },
        ]
      : []),
    {
      target: `${self}.collected`,
      actions: [...(stop ? [action('stopPlayback')] : []), action('appendDigit')],
    },
  ];
  const retry = (prompt: CollectDigitsData['noInputPrompt']): StateJson =>
    prompt
      ? {
          entry: [action('play', { prompt, bargeIn: false })],
          on: { PROMPT_DONE: { target: `${self}.prompt` } },
        }
      : { always: { target: `${self}.prompt` } };
  return {
    entry: [action('resetAttempts')],
    initial: 'prompt',
    states: {
      prompt: {
        entry: [action('clearDigits'), action('play', { prompt: data.prompt, bargeIn: data.bargeIn })],
        on: { PROMPT_DONE: { target: `${self}.waiting` }, ...(data.bargeIn ? { DTMF: onKey(true) } : {}) },
      },
      waiting: {
        on: { DTMF: onKey(false) },
        after: { [ms(data.timeoutSeconds)]: failure('noInput', 'retryNoInput') },
      },
      collected: {
        always: [
          { guard: guard('digitsAtLeast', { min: data.maxLength }), target: `${self}.complete` },
          { target: `${self}.more` },
        ],
      },
      more: {
        on: { DTMF: onKey(false) },
        after: { [ms(data.interDigitTimeoutSeconds)]: { target: `${self}.complete` } },
      },
      complete: {
        always: [
          outcome('done', {
            guard: guard('digitsAtLeast', { min: data.minLength }),
            actions: [action('storeDigits', { variable: data.variable })],
          }),
          ...failure('invalid', 'retryInvalid'),
        ],
      },
      retryNoInput: retry(data.noInputPrompt),
      retryInvalid: retry(data.invalidPrompt),
    },
  };
}
