import { describe, expect, it } from 'vitest';
import { oneNodeFlow, problemsOf } from '../../../test/one-node';
import { simulate } from '../../../test/simulate';
import { say } from '../../prompt';

const support = (data: Record<string, unknown> = {}) =>
  oneNodeFlow('queue', {
    queueId: 'q-support',
    priority: 2,
    skills: [{ skillId: 'sk-french', minProficiency: 3 }],
    maxWaitSeconds: 120,
    holdPrompt: say('All our agents are busy. Please hold.'),
    ...data,
  });

describe('queue', () => {
  it('the caller is queued with the priority and skills, and hears the hold prompt', () => {
    const call = simulate(support());
    expect(call.effectsOf('enqueue')).toEqual([
      {
        type: 'enqueue',
        params: { queueId: 'q-support', priority: 2, skills: [{ skillId: 'sk-french', minProficiency: 3 }] },
      },
    ]);
    expect(call.effectsOf('hold')).toEqual([
      { type: 'hold', params: { prompt: say('All our agents are busy. Please hold.') } },
    ]);
  });

  it('an agent answers, talks, leaves → answered; the caller left the queue', () => {
    const call = simulate(support());
    call.send({ type: 'QUEUE_ANSWERED', agentId: 'agent-1' });
    expect(call.node).toBe('node');
    call.advance(600_000); // the wait limit no longer applies once connected
    expect(call.node).toBe('node');
    call.send({ type: 'AGENT_LEFT' });
    expect(call.node).toBe('out_answered');
    expect(call.effectsOf('leaveQueue').length).toBeGreaterThan(0);
  });

  it('nobody answers within the wait → timeout, and the call leaves the queue', () => {
    const call = simulate(support());
    call.advance(119_999);
    expect(call.node).toBe('node');
    call.advance(1);
    expect(call.node).toBe('out_timeout');
    expect(call.effectsOf('leaveQueue')).toHaveLength(1);
  });

  it('a full queue → overflow; no agent signed in → noAgents', () => {
    const full = simulate(support());
    full.send({ type: 'QUEUE_OVERFLOW' });
    expect(full.node).toBe('out_overflow');
    const empty = simulate(support());
    empty.send({ type: 'QUEUE_NO_AGENTS' });
    expect(empty.node).toBe('out_noAgents');
  });

  it('a caller hanging up in the queue is taken out of it', () => {
    const call = simulate(support());
    call.send({ type: 'HANGUP' });
    expect(call.node).toBe('$callerHungUp');
    expect(call.effectsOf('leaveQueue')).toHaveLength(1);
  });

  it('checks the queue and skills through the resolver, and bounds the proficiency', () => {
    expect(problemsOf(support({ skills: [{ skillId: 'x', minProficiency: 9 }] }))).toContainEqual(
      expect.objectContaining({ nodeId: 'node', field: 'skills.0.minProficiency', code: 'invalid-data' }),
    );
    expect(problemsOf(support({ queueId: '' }))).toContainEqual(
      expect.objectContaining({ nodeId: 'node', field: 'queueId', message: 'choose a queue' }),
    );
  });
});
