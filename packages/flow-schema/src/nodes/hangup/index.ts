import { z } from 'zod';
import { action, defineNodeType } from '../../node-type';

/** Ends the call on purpose. */
export const hangupNode = defineNodeType({
  type: 'hangup',
  data: z.object({
    reason: z.string().max(100).default('completed').describe('Shown in reports as the call outcome.'),
  }),
  defaults: () => ({ reason: 'completed' }),
  outcomes: () => [],
  waitsForCaller: false,
  meta: {
    label: 'Hang up',
    category: 'Call',
    icon: 'phone-off',
    help: 'Ends the call. The reason appears in reports as the call outcome.',
  },
  compile: (data) => ({ type: 'final', entry: [action('hangup', { reason: data.reason })] }),
});
