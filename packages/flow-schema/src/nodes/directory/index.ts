import { z } from 'zod';
import { type TransferTarget, transferTargetSchema } from '../../addresses';
import type { StateJson, TransitionJson } from '../../machine/json';
import { action, defineNodeType } from '../../node-type';
import { promptSchema, say } from '../../prompt';
import { promptReads, promptReferences } from '../../prompt-uses';
import { afterSeconds, digitEntry, duplicatesOf, replayState, retryOr } from '../caller-input';

const entrySchema = z.object({
  name: z.string().min(1, 'enter the name callers spell').max(100),
  extension: z.string().regex(/^\d{2,8}$/, 'an extension is 2 to 8 digits'),
  target: transferTargetSchema,
});
export type DirectoryEntry = z.output<typeof entrySchema>;

export const directoryData = z.object({
  mode: z
    .enum(['extension', 'name'])
    .default('extension')
    .describe('Callers type an extension, or the first letters of a first or last name on the keypad.'),
  entries: z
    .array(entrySchema)
    .min(1, 'add at least one person to the directory')
    .describe('`{ name, extension, target }` per person.'),
  prompt: promptSchema.describe('Asks for the extension or name.'),
  noMatchPrompt: promptSchema.optional().describe('Played before the prompt repeats after no match.'),
  timeoutSeconds: z.number().min(1).max(60).default(5).describe('Seconds to wait for the first key.'),
  retries: z
    .number()
    .int()
    .min(0)
    .max(9)
    .default(2)
    .describe('How many more tries after no match or silence.'),
});
type DirectoryData = z.output<typeof directoryData>;

/** Longest name prefix a caller types before Parley looks it up without waiting for a pause or #. */
const NAME_DIGITS = 8;
const INTER_DIGIT_MS = 3000;

/** Dial by name or extension: looks up what the caller types and transfers to that person. */
export const directoryNode = defineNodeType({
  type: 'directory',
  data: directoryData,
  defaults: () => ({
    mode: 'extension' as const,
    entries: [
      {
        name: 'Reception',
        extension: '100',
        target: { kind: 'teamsUser' as const, user: { upn: 'reception@contoso.com' } },
      },
    ],
    prompt: say('If you know the extension of the person you are calling, enter it now.'),
    noMatchPrompt: say('Sorry, I could not find that person.'),
    timeoutSeconds: 5,
    retries: 2,
  }),
  outcomes: () => [
    { name: 'noMatch', label: 'No match' },
    { name: 'noInput', label: 'No input' },
    { name: 'failed', label: 'Transfer failed' },
  ],
  waitsForCaller: true,
  meta: {
    label: 'Directory',
    category: 'Routing',
    icon: 'book-user',
    help: 'Callers type an extension, or spell a name on the keypad (ABC = 2), ending with # or a pause. One match is transferred; no match or several replay the prompt up to the retry count.',
  },
  validate: (data) =>
    duplicatesOf(
      data.entries,
      (e) => e.extension,
      (i) => `entries.${i}.extension`,
      'extension',
    ),
  references: (data) => [
    ...promptReferences(data.prompt, 'prompt'),
    ...promptReferences(data.noMatchPrompt, 'noMatchPrompt'),
    ...data.entries.flatMap((e, i) =>
      e.target.kind === 'flow'
        ? [{ kind: 'flow' as const, id: e.target.flowId, field: `entries.${i}.target.flowId` }]
        : [],
    ),
  ],
  variables: (data) => ({
    reads: [...promptReads(data.prompt, 'prompt'), ...promptReads(data.noMatchPrompt, 'noMatchPrompt')],
    writes: [],
  }),
  compile: (data, ctx) => compileDirectory(data, ctx.nodeId, ctx.outcome),
});

function compileDirectory(
  data: DirectoryData,
  nodeId: string,
  outcome: (name: string, extra?: object) => TransitionJson,
): StateJson {
  const self = `#call.${nodeId}`;
  const maxDigits =
    data.mode === 'extension' ? Math.max(...data.entries.map((e) => e.extension.length)) : NAME_DIGITS;
  const giveUpOr = (kind: 'noMatch' | 'noInput') => retryOr(self, data.retries, 'retry', outcome(kind));
  const keys = digitEntry(self, {
    terminator: '#',
    maxDigits,
    interDigitMs: INTER_DIGIT_MS,
    complete: 'lookup',
  });
  return {
    entry: [action('resetAttempts')],
    initial: 'prompt',
    states: {
      prompt: {
        entry: [action('clearDigits'), action('play', { prompt: data.prompt, bargeIn: true })],
        on: { PROMPT_DONE: { target: `${self}.waiting` }, DTMF: keys.onKey(true) },
      },
      waiting: {
        on: { DTMF: keys.onKey(false) },
        after: { [afterSeconds(data.timeoutSeconds)]: giveUpOr('noInput') },
      },
      collected: keys.collected,
      more: keys.more,
      lookup: {
        entry: [action('directoryLookup', { mode: data.mode, entries: data.entries })],
        on: { DIRECTORY_NO_MATCH: giveUpOr('noMatch'), TRANSFER_FAILED: outcome('failed') },
      },
      retry: replayState(self, data.noMatchPrompt),
    },
  };
}

const KEYPAD: Record<string, string> = {
  a: '2',
  b: '2',
  c: '2',
  d: '3',
  e: '3',
  f: '3',
  g: '4',
  h: '4',
  i: '4',
  j: '5',
  k: '5',
  l: '5',
  m: '6',
  n: '6',
  o: '6',
  p: '7',
  q: '7',
  r: '7',
  s: '7',
  t: '8',
  u: '8',
  v: '8',
  w: '9',
  x: '9',
  y: '9',
  z: '9',
};

/** A name as keypad digits: `Ng` → `64`. Letters without a key (accents stripped first) are dropped. */
export function keypadDigits(word: string): string {
  return [...word.normalize('NFD').toLowerCase()]
    .map((ch) => KEYPAD[ch] ?? (/\d/.test(ch) ? ch : ''))
    .join('');
}

/**
 * The directory entries that fit what a caller typed: the exact extension, or, by name, every entry
 * with a first or last name whose keypad digits start with the keys typed.
 */
export function matchDirectory<E extends { name: string; extension: string; target: TransferTarget }>(
  entries: readonly E[],
  mode: 'extension' | 'name',
  digits: string,
): E[] {
  if (digits === '') return [];
  if (mode === 'extension') return entries.filter((e) => e.extension === digits);
  return entries.filter((e) =>
    e.name.split(/[\s,.-]+/).some((word) => word !== '' && keypadDigits(word).startsWith(digits)),
  );
}
