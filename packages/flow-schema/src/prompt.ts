import { z } from 'zod';

/** What a caller hears: text spoken by text to speech, or an uploaded audio prompt by reference. */
export const promptSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('tts'),
    text: z
      .string()
      .min(1, 'enter the words to say')
      .max(4000)
      .describe('May hold `{{variable}}` placeholders, filled in when the prompt plays.'),
    language: z.string().min(2).max(35).optional(),
    voice: z.string().max(100).optional(),
  }),
  z.object({ kind: z.literal('audio'), promptId: z.string().min(1, 'choose an audio prompt') }),
]);
export type Prompt = z.output<typeof promptSchema>;

/** A short text prompt, for defaults. */
export const say = (text: string): Prompt => ({ kind: 'tts', text });
