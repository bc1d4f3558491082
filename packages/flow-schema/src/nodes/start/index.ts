import { z } from 'zod';
import { action, defineNodeType } from '../../node-type';

/** Where every call enters the flow: answers and moves on. */
export const startNode = defineNodeType({
  type: 'start',
  data: z.object({}),
  defaults: () => ({}),
  outcomes: () => [{ name: 'next', label: 'Call arrives' }],
  waitsForCaller: false,
  meta: {
    label: 'Incoming call',
    category: 'Call',
    icon: 'phone-incoming',
    help: 'Every flow has exactly one. The call is answered here and continues to the wired node.',
  },
  compile: (_data, ctx) => ({ entry: [action('answer')], always: ctx.outcome('next') }),
});
