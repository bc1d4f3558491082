import { z } from 'zod';
import { teamsUserSchema } from '../../addresses';
import { action, defineNodeType } from '../../node-type';
import { promptSchema } from '../../prompt';
import { promptReads, promptReferences } from '../../prompt-uses';

const mailboxSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), user: teamsUserSchema }),
  z.object({
    kind: z.literal('shared'),
    address: z
      .string()
      .regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'use the shared mailbox address, like support@contoso.com'),
  }),
]);

export const voicemailData = z.object({
  mailbox: mailboxSchema.describe(
    'A Teams user (`kind: user`) or a shared mailbox (`kind: shared`, address).',
  ),
  greeting: promptSchema
    .optional()
    .describe("Played before the beep; the mailbox's own greeting when absent."),
  maxLengthSeconds: z.number().int().min(10).max(600).default(120).describe('Longest message, in seconds.'),
});

/** Takes a message for a user or a shared mailbox. */
export const voicemailNode = defineNodeType({
  type: 'voicemail',
  data: voicemailData,
  defaults: () => ({
    mailbox: { kind: 'shared' as const, address: 'support@contoso.com' },
    maxLengthSeconds: 120,
  }),
  outcomes: () => [{ name: 'failed', label: 'Failed' }],
  waitsForCaller: true,
  meta: {
    label: 'Voicemail',
    category: 'Routing',
    icon: 'voicemail',
    help: 'Plays the greeting and records a message into a Teams user’s or a shared mailbox. The call leaves the flow; Failed is taken when the mailbox cannot take a message.',
  },
  references: (data) => promptReferences(data.greeting, 'greeting'),
  variables: (data) => ({ reads: promptReads(data.greeting, 'greeting'), writes: [] }),
  compile: (data, ctx) => ({
    entry: [
      action('voicemail', {
        mailbox: data.mailbox,
        ...(data.greeting ? { greeting: data.greeting } : {}),
        maxLengthSeconds: data.maxLengthSeconds,
      }),
    ],
    on: { VOICEMAIL_FAILED: ctx.outcome('failed') },
  }),
});
