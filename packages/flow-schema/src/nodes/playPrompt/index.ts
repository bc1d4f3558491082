import { z } from 'zod';
import { action, defineNodeType } from '../../node-type';
import { promptSchema, say } from '../../prompt';
import { promptReads, promptReferences } from '../../prompt-uses';

/** Plays a prompt, then moves on; with barge-in a key press cuts it short and is kept for the next node. */
export const playPromptNode = defineNodeType({
  type: 'playPrompt',
  data: z.object({
    prompt: promptSchema.describe('What the caller hears.'),
    bargeIn: z
      .boolean()
      .default(false)
      .describe('A key press stops the prompt and is kept for the next node.'),
  }),
  defaults: () => ({ prompt: say('Thank you for calling.'), bargeIn: false }),
  outcomes: () => [{ name: 'done', label: 'Done' }],
  waitsForCaller: true,
  meta: {
    label: 'Play prompt',
    category: 'Call',
    icon: 'volume-2',
    help: 'Says text with text to speech, or plays an uploaded recording. Placeholders like {{name}} are filled in.',
  },
  references: (data) => promptReferences(data.prompt, 'prompt'),
  variables: (data) => ({ reads: promptReads(data.prompt, 'prompt'), writes: [] }),
  compile: (data, ctx) => ({
    entry: [action('play', { prompt: data.prompt, bargeIn: data.bargeIn })],
    on: {
      PROMPT_DONE: ctx.outcome('done'),
      ...(data.bargeIn
        ? { DTMF: ctx.outcome('done', { actions: [action('stopPlayback'), action('appendDigit')] }) }
        : {}),
    },
  }),
});
