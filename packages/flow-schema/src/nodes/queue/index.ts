import { z } from 'zod';
import { action, defineNodeType } from '../../node-type';
import { promptSchema } from '../../prompt';
import { promptReads, promptReferences } from '../../prompt-uses';

export const queueData = z.object({
  queueId: z.string().min(1, 'choose a queue').describe('The tenant queue.'),
  priority: z.number().int().min(1).max(10).default(5).describe('1 is served first.'),
  skills: z
    .array(
      z.object({
        skillId: z.string().min(1, 'choose a skill'),
        minProficiency: z.number().int().min(1).max(5).default(1),
      }),
    )
    .default([])
    .describe("Skills an agent needs beyond the queue's own, with the least proficiency (1-5) that will do."),
  maxWaitSeconds: z
    .number()
    .int()
    .min(10)
    .max(7200)
    .default(300)
    .describe('How long a caller waits for an agent before the Timeout outcome.'),
  holdPrompt: promptSchema
    .optional()
    .describe('Played on a loop while the caller waits; music on hold when absent.'),
});

/** Puts the caller in a skill-based queue until an agent answers, the wait runs out or the queue is full. */
export const queueNode = defineNodeType({
  type: 'queue',
  data: queueData,
  defaults: () => ({ queueId: '', priority: 5, skills: [], maxWaitSeconds: 300 }),
  outcomes: () => [
    { name: 'answered', label: 'Answered, agent left' },
    { name: 'timeout', label: 'Timeout' },
    { name: 'overflow', label: 'Queue full' },
    { name: 'noAgents', label: 'No agents' },
  ],
  waitsForCaller: true,
  meta: {
    label: 'Queue',
    category: 'Routing',
    icon: 'users',
    help: 'Offers the call to available agents with the needed skills, best proficiency and longest idle first, by Teams presence. Answered is taken when the agent leaves and the caller is still on the line (a survey, say); Timeout after the longest wait.',
  },
  references: (data) => [
    { kind: 'queue', id: data.queueId, field: 'queueId' },
    ...data.skills.map((s, i) => ({ kind: 'skill' as const, id: s.skillId, field: `skills.${i}.skillId` })),
    ...promptReferences(data.holdPrompt, 'holdPrompt'),
  ],
  variables: (data) => ({ reads: promptReads(data.holdPrompt, 'holdPrompt'), writes: [] }),
  compile: (data, ctx) => {
    const self = `#call.${ctx.nodeId}`;
    return {
      initial: 'waiting',
      // Leaving the node by any path, the caller hanging up included, takes the call out of the queue.
      exit: [action('leaveQueue')],
      states: {
        waiting: {
          // The waiting list lives in the router, not in the call: a call resumed here joins it again.
          meta: {
            resume: [
              action('enqueue', { queueId: data.queueId, priority: data.priority, skills: data.skills }),
            ],
          },
          entry: [
            action('enqueue', { queueId: data.queueId, priority: data.priority, skills: data.skills }),
            action('hold', data.holdPrompt ? { prompt: data.holdPrompt } : {}),
          ],
          on: {
            QUEUE_ANSWERED: { target: `${self}.connected`, actions: [action('stopPlayback')] },
            QUEUE_OVERFLOW: ctx.outcome('overflow'),
            QUEUE_NO_AGENTS: ctx.outcome('noAgents'),
          },
          after: { [String(data.maxWaitSeconds * 1000)]: ctx.outcome('timeout') },
        },
        connected: { on: { AGENT_LEFT: ctx.outcome('answered') } },
      },
    };
  },
});
