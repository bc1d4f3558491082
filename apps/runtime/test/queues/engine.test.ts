import { type CallRecord, CallSession, type TelephonyPort } from '@parley/call-engine';
import { type CompiledFlow, compileFlow, parseFlow } from '@parley/flow-schema';
import { describe, expect, it } from 'vitest';
import { agent, NETWORKING, SUPPORT, TENANT, world } from './world';

const say = (text: string) => ({ kind: 'tts' as const, text });

/** Support line: the caller waits for a networking agent; every way out of the queue says something. */
function supportLine(): CompiledFlow {
  const parsed = parseFlow({
    schemaVersion: 1,
    name: 'Support line',
    nodes: [
      { id: 'start', type: 'start', data: {} },
      {
        id: 'support',
        type: 'queue',
        data: {
          queueId: SUPPORT,
          priority: 3,
          skills: [{ skillId: NETWORKING, minProficiency: 2 }],
          maxWaitSeconds: 120,
          holdPrompt: say('All our engineers are busy. Please hold.'),
        },
      },
      { id: 'survey', type: 'playPrompt', data: { prompt: say('Thanks. Please rate the call.') } },
      { id: 'sorry', type: 'playPrompt', data: { prompt: say('Sorry, nobody could take your call.') } },
      { id: 'full', type: 'playPrompt', data: { prompt: say('All lines are busy. Call again later.') } },
      { id: 'closed', type: 'playPrompt', data: { prompt: say('Nobody can help with that now.') } },
      { id: 'end', type: 'hangup', data: { reason: 'completed' } },
    ],
    edges: [
      { id: 'e1', source: 'start', outcome: 'next', target: 'support' },
      { id: 'e2', source: 'support', outcome: 'answered', target: 'survey' },
      { id: 'e3', source: 'support', outcome: 'timeout', target: 'sorry' },
      { id: 'e4', source: 'support', outcome: 'overflow', target: 'full' },
      { id: 'e5', source: 'support', outcome: 'noAgents', target: 'closed' },
      { id: 'e6', source: 'survey', outcome: 'done', target: 'end' },
      { id: 'e7', source: 'sorry', outcome: 'done', target: 'end' },
      { id: 'e8', source: 'full', outcome: 'done', target: 'end' },
      { id: 'e9', source: 'closed', outcome: 'done', target: 'end' },
    ],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems, null, 1));
  const result = compileFlow(parsed.document);
  if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 1));
  return result.compiled;
}

const compiled = supportLine();

/** A caller on the support line, through the real call engine, with the router of `w` as its queues. */
function call(w: ReturnType<typeof world>, callId: string) {
  const records: CallRecord[] = [];
  const heard: string[] = [];
  let session: CallSession | undefined;
  const port: TelephonyPort = {
    answer: async () => {},
    // A prompt takes a second to hear.
    play: async (prompt) => {
      heard.push(prompt.kind === 'tts' ? prompt.text : prompt.promptId);
      w.clock.setTimeout(() => session?.send({ type: 'PROMPT_DONE' }), 1_000);
    },
    stopPlayback: async () => {},
    hold: async (prompt) => void heard.push(`(hold) ${prompt?.kind === 'tts' ? prompt.text : 'music'}`),
    transfer: async () => {},
    voicemail: async () => {},
    hangup: async () => {},
  };
  session = CallSession.start({
    compiled,
    identity: { tenantId: TENANT, callId, flowId: 'support-line', version: 1 },
    call: {
      callId,
      caller: '+14255550100',
      called: '+14255550199',
      channel: 'sim',
      startedAt: w.clock.now().toISOString(),
    },
    port,
    queues: w.router,
    sink: { write: (r) => records.push(r) },
    clock: w.clock,
    now: () => w.clock.now(),
  });
  return {
    session,
    heard,
    records,
    /** The queue's part of the call: queued and the agents offered and answering. */
    queueStory: () =>
      records
        .filter((r) => ['queued', 'agent.offered', 'agent.answered'].includes(r.type))
        .map((r) => `${r.type} ${r.data.agentId ?? r.data.queueId}`),
    /** How the call left each node. */
    path: () => records.filter((r) => r.type === 'node.left').map((r) => `${r.nodeId}:${r.data.outcome}`),
  };
}

describe('queue node on the real call engine with the skill queue router', () => {
  it('caller queues for support → Ben, the networking expert, is offered → answers → talks → survey', async () => {
    const w = world();
    w.directory.set(SUPPORT, [
      agent('ana', { [NETWORKING]: 1 }), // not enough for this queue node
      agent('ben', { [NETWORKING]: 4 }),
    ]);
    const c = call(w, 'call-1');
    await w.settle();
    expect(c.heard).toEqual(['(hold) All our engineers are busy. Please hold.']);
    expect(w.offers.story).toEqual(['call-1→ben']);

    await w.advance(4_000); // Ben picks up
    expect(c.session.nodeId).toBe('support');
    expect(c.queueStory()).toEqual(['queued q-support', 'agent.offered ben', 'agent.answered ben']);
    const queued = c.records.find((r) => r.type === 'queued');
    expect(queued).toMatchObject({ nodeId: 'support', data: { queueId: SUPPORT, priority: 3 } });

    c.session.send({ type: 'AGENT_LEFT' });
    await w.advance(3_000);
    expect(c.path()).toEqual(['start:next', 'support:answered', 'survey:done']);
    expect(await c.session.ended()).toBe('flow');
  });

  it('Ana misses, Ben answers: both offers are on the call record, in order', async () => {
    const w = world();
    w.directory.set(SUPPORT, [agent('ana', { [NETWORKING]: 5 }), agent('ben', { [NETWORKING]: 3 })]);
    w.offers.pickup.set('ana', 'misses');
    const c = call(w, 'call-1');
    await w.advance(25_000);
    expect(c.queueStory()).toEqual([
      'queued q-support',
      'agent.offered ana',
      'agent.offered ben',
      'agent.answered ben',
    ]);
  });

  it('the queue holds one caller and one waits already → the second caller hears all lines are busy', async () => {
    const w = world();
    w.directory.set(SUPPORT, [agent('ben', { [NETWORKING]: 4 })], { maxQueueSize: 1 });
    w.presence.set('ben', 'Busy');
    const first = call(w, 'call-1');
    await w.settle();
    const second = call(w, 'call-2');
    await w.advance(3_000);
    expect(second.path()).toEqual(['start:next', 'support:overflow', 'full:done']);
    expect(second.heard.at(-1)).toBe('All lines are busy. Call again later.');
    expect(first.session.nodeId).toBe('support');
  });

  it('nobody has the networking skill → no agents → the caller is told so', async () => {
    const w = world();
    w.directory.set(SUPPORT, [agent('ana', { [NETWORKING]: 1 })]);
    const c = call(w, 'call-1');
    await w.advance(2_000);
    expect(c.path()).toEqual(['start:next', 'support:noAgents', 'closed:done']);
    expect(c.queueStory()).toEqual(['queued q-support']);
  });

  it('nobody Available for the whole wait → timeout → no offers after the caller left the queue', async () => {
    const w = world();
    w.directory.set(SUPPORT, [agent('ben', { [NETWORKING]: 4 })]);
    w.presence.set('ben', 'Away');
    const c = call(w, 'call-1');
    await w.advance(120_000);
    expect(c.path()).toEqual(['start:next', 'support:timeout']);
    w.presence.set('ben', 'Available');
    await w.advance(10_000);
    expect(w.offers.offers).toEqual([]);
    expect(c.path()).toEqual(['start:next', 'support:timeout', 'sorry:done']);
  });

  it('the caller hangs up while Ben rings → his phone stops, nobody else is offered the call', async () => {
    const w = world();
    w.directory.set(SUPPORT, [agent('ben', { [NETWORKING]: 4 }), agent('cleo', { [NETWORKING]: 4 })]);
    w.offers.pickup.set('ben', 'rings');
    const c = call(w, 'call-1');
    await w.advance(5_000);
    c.session.send({ type: 'HANGUP' });
    expect(await c.session.ended()).toBe('caller');
    await w.advance(60_000);
    expect(w.offers.offers).toEqual([expect.objectContaining({ agentId: 'ben', cancelled: true })]);
    expect(c.queueStory()).toEqual(['queued q-support', 'agent.offered ben']);
  });

  it('Ben answers and the transfer hands the call off → the call ends, Ben is free for the next caller', async () => {
    const w = world();
    w.directory.set(SUPPORT, [agent('ben', { [NETWORKING]: 4 })]);
    const first = call(w, 'call-1');
    await w.advance(4_000);
    first.session.send({ type: 'HANDED_OFF' });
    expect(await first.session.ended()).toBe('handoff');

    const second = call(w, 'call-2');
    await w.settle();
    expect(second.queueStory()).toEqual(['queued q-support', 'agent.offered ben']);
  });
});
