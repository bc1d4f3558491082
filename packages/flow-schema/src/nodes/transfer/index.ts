import { z } from 'zod';
import { transferTargetSchema } from '../../addresses';
import { action, defineNodeType } from '../../node-type';

export const transferData = z.object({
  target: transferTargetSchema.describe(
    '`teamsUser` (upn or objectId), `phone` (E.164), `sip` (URI) or `flow` (flowId).',
  ),
});

/** Sends the call to a Teams user, a phone number, a SIP address or another flow. */
export const transferNode = defineNodeType({
  type: 'transfer',
  data: transferData,
  defaults: () => ({ target: { kind: 'teamsUser' as const, user: { upn: 'reception@contoso.com' } } }),
  outcomes: () => [{ name: 'failed', label: 'Failed' }],
  // The transfer rings out on the network before it succeeds or fails.
  waitsForCaller: true,
  meta: {
    label: 'Transfer',
    category: 'Routing',
    icon: 'phone-forwarded',
    help: 'Transfers the call. When it succeeds the call leaves Parley; Failed is taken when the target is busy, does not answer or cannot be reached.',
  },
  references: (data) =>
    data.target.kind === 'flow' ? [{ kind: 'flow', id: data.target.flowId, field: 'target.flowId' }] : [],
  compile: (data, ctx) => ({
    entry: [action('transfer', { target: data.target })],
    on: { TRANSFER_FAILED: ctx.outcome('failed') },
  }),
});
