import { describe, expect, it } from 'vitest';
import { agent, BILLING, FRENCH, NETWORKING, SUPPORT, TENANT, world } from './world';

const networking = (minProficiency = 1) => [{ skillId: NETWORKING, minProficiency }];

describe('skill queue router', () => {
  it('two agents with the skill, Ana took the last call → Ben, idle longer, is offered the next caller', async () => {
    const w = world();
    w.directory.set(SUPPORT, [agent('ana', { [NETWORKING]: 3 }), agent('ben', { [NETWORKING]: 3 })]);

    // Both idle since the router started: the directory's order decides, Ana answers after 4 s.
    const first = await w.enqueue('call-1', { skills: networking() });
    await w.advance(4_000);
    expect(first).toEqual(['agent.offered ana', 'agent.answered ana', 'QUEUE_ANSWERED ana']);

    // A minute with Ana, then the caller's call ends: Ana is idle from now on, Ben has been since the start.
    await w.advance(60_000);
    w.router.leave('call-1');
    const second = await w.enqueue('call-2', { skills: networking() });
    expect(second).toEqual(['agent.offered ben']);
  });

  it('the better-skilled agent gets the call even when a weaker one has been idle longer', async () => {
    const w = world();
    w.directory.set(SUPPORT, [agent('ana', { [NETWORKING]: 2 }), agent('ben', { [NETWORKING]: 5 })]);
    await w.enqueue('call-1', { skills: networking() });
    await w.advance(30_000);
    w.router.leave('call-1'); // Ben's call ended just now; Ana has been idle all along

    expect(await w.enqueue('call-2', { skills: networking(2) })).toEqual(['agent.offered ben']);
  });

  it('Ana is Busy in Teams → skipped, Ben is offered the call', async () => {
    const w = world();
    w.directory.set(SUPPORT, [agent('ana', { [NETWORKING]: 4 }), agent('ben', { [NETWORKING]: 4 })]);
    w.presence.set('ana', 'Busy');
    expect(await w.enqueue('call-1', { skills: networking() })).toEqual(['agent.offered ben']);
  });

  it('Away, Do not disturb and Offline agents are skipped; AvailableIdle counts as available', async () => {
    const w = world();
    w.directory.set(SUPPORT, [agent('ana', {}), agent('ben', {}), agent('cleo', {}), agent('dev', {})]);
    w.presence.set('ana', 'Away');
    w.presence.set('ben', 'DoNotDisturb');
    w.presence.set('cleo', 'Offline');
    w.presence.set('dev', 'AvailableIdle');
    expect(await w.enqueue('call-1')).toEqual(['agent.offered dev']);
  });

  it('Ana lets it ring past the alert timeout → missed → Ben is offered and answers', async () => {
    const w = world();
    w.directory.set(SUPPORT, [agent('ana', { [NETWORKING]: 3 }), agent('ben', { [NETWORKING]: 3 })], {
      alertTimeoutSeconds: 20,
    });
    w.offers.pickup.set('ana', 'misses');

    const story = await w.enqueue('call-1', { skills: networking() });
    expect(w.offers.offers[0]).toMatchObject({ agentId: 'ana', alertTimeoutMs: 20_000 });
    await w.advance(20_000);
    expect(w.offers.offers[1]).toMatchObject({ agentId: 'ben', at: 20_000 });
    await w.advance(4_000);
    expect(story).toEqual([
      'agent.offered ana',
      'agent.offered ben',
      'agent.answered ben',
      'QUEUE_ANSWERED ben',
    ]);
  });

  it('a missed agent goes to the back of the idle order: the next caller is offered to Cleo first', async () => {
    const w = world();
    w.directory.set(SUPPORT, [agent('ana', {}), agent('ben', {}), agent('cleo', {})]);
    w.offers.pickup.set('ana', 'misses');
    w.offers.pickup.set('ben', 'rings');
    await w.enqueue('call-1'); // Ana misses after 20 s, then Ben rings on
    await w.advance(20_000);
    await w.enqueue('call-2'); // Ana and Cleo are free: Ana was idle since the start too, but she just missed
    expect(w.offers.story).toEqual(['call-1→ana', 'call-1→ben', 'call-2→cleo']);
  });

  it('the only agent misses → the caller waits a poll interval, then Ana is rung again', async () => {
    const w = world();
    w.directory.set(SUPPORT, [agent('ana', {})]);
    w.offers.pickup.set('ana', 'misses');
    await w.enqueue('call-1');
    await w.advance(20_000);
    expect(w.offers.story).toEqual(['call-1→ana']);
    w.offers.pickup.set('ana', 'answers');
    await w.advance(5_000);
    expect(w.offers.offers[1]).toMatchObject({ agentId: 'ana', at: 25_000 });
    await w.advance(4_000);
    expect(w.story('call-1').slice(-2)).toEqual(['agent.answered ana', 'QUEUE_ANSWERED ana']);
  });

  it('a caller with priority 1 is served before earlier priority-5 callers', async () => {
    const w = world();
    w.directory.set(SUPPORT, [agent('ana', {})]);
    await w.enqueue('call-0');
    await w.advance(4_000); // Ana answers call-0 and is busy with it

    await w.enqueue('early', { priority: 5 });
    await w.advance(1_000);
    await w.enqueue('later', { priority: 5 });
    await w.enqueue('vip', { priority: 1 });
    await w.advance(10_000);
    expect(w.offers.story).toEqual(['call-0→ana']);

    w.router.leave('call-0'); // the call with Ana ends: she is free at once, no poll needed
    await w.settle();
    expect(w.offers.story.at(-1)).toBe('vip→ana');
    await w.advance(4_000);
    w.router.leave('vip');
    await w.settle();
    expect(w.offers.story.at(-1)).toBe('early→ana');
  });

  it('nobody Available → asked again every poll interval → Ana becomes Available → offered', async () => {
    const w = world();
    w.directory.set(SUPPORT, [agent('ana', {})]);
    w.presence.set('ana', 'Busy');
    const story = await w.enqueue('call-1');
    await w.advance(10_000);
    expect(story).toEqual([]);
    expect(w.presence.asked).toHaveLength(3); // on arrival, at 5 s and at 10 s

    w.presence.set('ana', 'Available');
    await w.advance(5_000);
    expect(story).toEqual(['agent.offered ana']);
  });

  it('the runtime frees an agent → the waiting caller is offered at once, not at the next poll', async () => {
    const w = world({ pollIntervalMs: 30_000 });
    w.directory.set(SUPPORT, [agent('ana', {})]);
    w.presence.set('ana', 'Busy');
    const story = await w.enqueue('call-1');
    await w.advance(1_000);
    w.presence.set('ana', 'Available');
    w.router.agentFreed(TENANT, 'ana');
    await w.settle();
    expect(story).toEqual(['agent.offered ana']);
  });

  it('queue full: two callers wait → the third overflows', async () => {
    const w = world();
    w.directory.set(SUPPORT, [agent('ana', {})], { maxQueueSize: 2 });
    w.presence.set('ana', 'Busy');
    expect(await w.enqueue('call-1')).toEqual([]);
    expect(await w.enqueue('call-2')).toEqual([]);
    expect(await w.enqueue('call-3')).toEqual(['QUEUE_OVERFLOW']);

    w.router.leave('call-1'); // one gives up: there is room again
    expect(await w.enqueue('call-4')).toEqual([]);
  });

  it('no agent has the skill at the needed proficiency → noAgents, nobody is rung', async () => {
    const w = world();
    w.directory.set(SUPPORT, [agent('ana', { [NETWORKING]: 1 }), agent('ben', { [FRENCH]: 5 })]);
    expect(await w.enqueue('call-1', { skills: networking(2) })).toEqual(['QUEUE_NO_AGENTS']);
    expect(
      await w.enqueue('call-2', {
        skills: [
          { skillId: NETWORKING, minProficiency: 1 },
          { skillId: FRENCH, minProficiency: 1 },
        ],
      }),
    ).toEqual(['QUEUE_NO_AGENTS']);
    expect(w.offers.offers).toEqual([]);
  });

  it('a queue with no agents at all → noAgents', async () => {
    const w = world();
    w.directory.set(SUPPORT, []);
    expect(await w.enqueue('call-1')).toEqual(['QUEUE_NO_AGENTS']);
  });

  it('the caller hangs up while Ana rings → her phone stops, no further offers, she takes the next caller', async () => {
    const w = world();
    w.directory.set(SUPPORT, [agent('ana', {}), agent('ben', {})]);
    w.offers.pickup.set('ana', 'rings');
    const story = await w.enqueue('call-1');
    await w.advance(3_000);
    w.router.leave('call-1');
    await w.settle();
    expect(w.offers.offers[0]).toMatchObject({ agentId: 'ana', cancelled: true, outcome: 'missed' });

    await w.advance(60_000);
    expect(story).toEqual(['agent.offered ana']);
    expect(w.offers.story).toEqual(['call-1→ana']);

    // Not held against her: she was idle longest and still is.
    w.offers.pickup.set('ana', 'answers');
    await w.enqueue('call-2');
    expect(w.offers.story.at(-1)).toBe('call-2→ana');
  });

  it('the caller hangs up before the queue was even loaded → never queued, never offered', async () => {
    const w = world();
    w.directory.set(SUPPORT, [agent('ana', {})]);
    const story: string[] = [];
    w.router.enqueue(
      { queueId: SUPPORT, priority: 5, skills: [], callId: 'call-1', tenantId: TENANT },
      { send: (e) => story.push(e.type), record: (type) => story.push(type) },
    );
    w.router.leave('call-1');
    await w.advance(10_000);
    expect(story).toEqual([]);
    expect(w.offers.offers).toEqual([]);
  });

  it('Ana serves two queues → she rings for one caller at a time', async () => {
    const w = world();
    w.directory.set(SUPPORT, [agent('ana', {})]);
    w.directory.set(BILLING, [agent('ana', {})]);
    w.offers.pickup.set('ana', 'rings');
    await w.enqueue('support-caller', { queueId: SUPPORT });
    await w.enqueue('billing-caller', { queueId: BILLING });
    await w.advance(15_000);
    expect(w.offers.story).toEqual(['support-caller→ana']);
  });

  it('the queue cannot be loaded → the error is on the call record and the caller takes the noAgents path', async () => {
    const w = world();
    w.directory.failure = new Error('database unreachable');
    expect(await w.enqueue('call-1')).toEqual(['error', 'QUEUE_NO_AGENTS']);
  });

  it('the offer channel fails → recorded as an error, counted as a miss, the next agent is offered', async () => {
    const w = world();
    w.directory.set(SUPPORT, [agent('ana', {}), agent('ben', {})]);
    const offer = w.offers.offer.bind(w.offers);
    w.offers.offer = async (callId, a, ms, signal) => {
      if (a.agentId === 'ana') throw new Error('transfer rejected: 403');
      return offer(callId, a, ms, signal);
    };
    expect(await w.enqueue('call-1')).toEqual(['agent.offered ana', 'error', 'agent.offered ben']);
  });

  it('an offer the channel never settles is given up after the alert timeout and a grace period', async () => {
    const w = world({ pollIntervalMs: 60_000 });
    w.directory.set(SUPPORT, [agent('ana', {}), agent('ben', {})]);
    w.offers.offer = () => new Promise(() => {});
    const story = await w.enqueue('call-1');
    await w.advance(34_000);
    expect(story).toEqual(['agent.offered ana']);
    await w.advance(1_000);
    expect(story).toEqual(['agent.offered ana', 'error', 'agent.offered ben']);
  });
});
