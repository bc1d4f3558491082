import type { FlowDocumentInput, Prompt } from '@parley/flow-schema';

const say = (text: string): Prompt => ({ kind: 'tts', text });
const at = { x: 0, y: 0 };

export const PROMPTS = {
  welcome: say('Welcome to Contoso.'),
  menu: say('For sales press 1. For support press 2. For the operator press 3.'),
  invalid: say('Sorry, that is not an option.'),
  closed: say('Our offices are closed. Please leave a message after the tone.'),
  holiday: say('We are closed for the holiday. Goodbye.'),
};
export const OPERATOR_UPN = 'operator@contoso.com';
export const MAILBOX = 'support@contoso.com';

/**
 * A realistic auto attendant: business hours in New York with Christmas as a holiday; a three-option
 * menu with retries; a sales queue and a support queue that overflow to voicemail; an operator transfer.
 */
export function autoAttendant(queues: { sales: string; support: string }): FlowDocumentInput {
  return {
    schemaVersion: 1,
    name: 'Contoso auto attendant',
    settings: { timezone: 'America/New_York', language: 'en-US' },
    nodes: [
      { id: 'start', type: 'start', position: at, data: {} },
      {
        id: 'hours',
        type: 'businessHours',
        position: at,
        data: {
          schedule: {
            kind: 'inline',
            weekly: Object.fromEntries(
              ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ open: '08:00', close: '18:00' }]]),
            ),
            holidays: [{ date: '2026-12-25', name: 'Christmas Day', everyYear: true }],
          },
        },
      },
      { id: 'welcome', type: 'playPrompt', position: at, data: { prompt: PROMPTS.welcome } },
      {
        id: 'mainMenu',
        type: 'menu',
        position: at,
        data: {
          prompt: PROMPTS.menu,
          options: [
            { key: '1', label: 'Sales' },
            { key: '2', label: 'Support' },
            { key: '3', label: 'Operator' },
          ],
          retries: 2,
          timeoutSeconds: 5,
          invalidPrompt: PROMPTS.invalid,
        },
      },
      { id: 'sales', type: 'queue', position: at, data: { queueId: queues.sales, maxWaitSeconds: 120 } },
      { id: 'support', type: 'queue', position: at, data: { queueId: queues.support, maxWaitSeconds: 120 } },
      {
        id: 'operator',
        type: 'transfer',
        position: at,
        data: { target: { kind: 'teamsUser', user: { upn: OPERATOR_UPN } } },
      },
      { id: 'closedMessage', type: 'playPrompt', position: at, data: { prompt: PROMPTS.closed } },
      { id: 'holidayMessage', type: 'playPrompt', position: at, data: { prompt: PROMPTS.holiday } },
      {
        id: 'voicemail',
        type: 'voicemail',
        position: at,
        data: { mailbox: { kind: 'shared', address: MAILBOX }, maxLengthSeconds: 120 },
      },
      { id: 'goodbye', type: 'hangup', position: at, data: { reason: 'completed' } },
    ],
    edges: [
      ['start', 'next', 'hours'],
      ['hours', 'open', 'welcome'],
      ['hours', 'closed', 'closedMessage'],
      ['hours', 'holiday', 'holidayMessage'],
      ['welcome', 'done', 'mainMenu'],
      ['mainMenu', '1', 'sales'],
      ['mainMenu', '2', 'support'],
      ['mainMenu', '3', 'operator'],
      ['mainMenu', 'invalid', 'operator'],
      ['mainMenu', 'noInput', 'operator'],
      ...(['sales', 'support'] as const).flatMap((q) => [
        [q, 'answered', 'goodbye'],
        [q, 'timeout', 'voicemail'],
        [q, 'overflow', 'voicemail'],
        [q, 'noAgents', 'voicemail'],
      ]),
      ['operator', 'failed', 'voicemail'],
      ['closedMessage', 'done', 'voicemail'],
      ['holidayMessage', 'done', 'goodbye'],
      ['voicemail', 'failed', 'goodbye'],
    ].map(([source, outcome, target], i) => ({
      id: `e${i}`,
      source: source!,
      outcome: outcome!,
      target: target!,
    })),
  };
}
