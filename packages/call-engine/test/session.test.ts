import type { CallEvent } from '@parley/flow-schema';
import { describe, expect, it } from 'vitest';
import { SimulatedClock } from 'xstate';
import { type CallCheckpoint, type CallRecord, CallSession, simulateCall, type TelephonyPort } from '../src';
import { compile, example } from './flows';

/** A port that only remembers what it was told, for asserting commands. */
function recordingPort() {
  const commands: string[] = [];
  const port: TelephonyPort = {
    answer: async () => void commands.push('answer'),
    play: async (p) => void commands.push(`play:${p.kind === 'tts' ? p.text : p.promptId}`),
    stopPlayback: async () => void commands.push('stop'),
    hold: async () => void commands.push('hold'),
    transfer: async (t) => void commands.push(`transfer:${JSON.stringify(t)}`),
    voicemail: async () => void commands.push('voicemail'),
    hangup: async (reason) => void commands.push(`hangup:${reason}`),
  };
  return { port, commands };
}

const identity = { tenantId: 't1', callId: 'c1', flowId: 'f1', version: 3 };
const call = {
  callId: 'c1',
  caller: '+14255550100',
  called: '+14255550199',
  channel: 'sim' as const,
  startedAt: '2026-11-24T10:00:00Z',
};
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('call session', () => {
  it('caller hears welcome, presses 2 at the menu → support → the flow hangs up', async () => {
    const result = await simulateCall(example('simple-menu.json'), { digits: ['2'] });
    expect(result.path).toEqual([
      { nodeId: 'start', outcome: 'next' },
      { nodeId: 'welcome', outcome: 'done' },
      { nodeId: 'mainMenu', outcome: '2' },
    ]);
    expect(result.endedBy).toBe('flow');
    expect(result.heard).toEqual(['Welcome to Contoso.', 'For sales press 1, for support press 2.']);
  });

  it('caller stays silent → the menu replays twice → goodbye', async () => {
    const result = await simulateCall(example('simple-menu.json'), {});
    expect(result.path.map((p) => `${p.nodeId}:${p.outcome}`)).toEqual([
      'start:next',
      'welcome:done',
      'mainMenu:noInput',
      'goodbye:done',
    ]);
    expect(result.heard.filter((h) => h.startsWith('For sales'))).toHaveLength(3);
  });

  it('caller hangs up during the welcome → ended by the caller, nothing more played', async () => {
    const result = await simulateCall(example('simple-menu.json'), { hangUpAfterMs: 300 });
    expect(result.endedBy).toBe('caller');
    expect(result.finalState).toBe('$callerHungUp');
    expect(result.heard).toEqual(['Welcome to Contoso.']);
  });

  it('every record carries the call identity, in gap-free order', async () => {
    const records: CallRecord[] = [];
    const { port } = recordingPort();
    const session = CallSession.start({
      compiled: example('simple-menu.json'),
      identity,
      call,
      port,
      sink: { write: (r) => records.push(r) },
    });
    session.send({ type: 'HANGUP' });
    await session.ended();
    expect(records.map((r) => r.seq)).toEqual(records.map((_, i) => i + 1));
    expect(
      records.every((r) => r.tenantId === 't1' && r.callId === 'c1' && r.flowId === 'f1' && r.version === 3),
    ).toBe(true);
    expect(records.map((r) => r.type)).toEqual([
      'call.started',
      'node.entered',
      'node.left',
      'node.entered',
      'prompt.played',
      'call.ended',
    ]);
    expect(records.at(-1)?.data).toEqual({ by: 'caller', state: '$callerHungUp' });
  });

  it('a port that fails to play does not strand the caller: the error is recorded and the flow goes on', async () => {
    const records: CallRecord[] = [];
    const { port, commands } = recordingPort();
    port.play = async () => {
      throw new Error('media server unreachable');
    };
    const session = CallSession.start({
      compiled: example('simple-menu.json'),
      identity,
      call,
      port,
      sink: { write: (r) => records.push(r) },
    });
    await tick();
    expect(session.nodeId).toBe('mainMenu');
    expect(records).toContainEqual(
      expect.objectContaining({
        type: 'error',
        nodeId: 'welcome',
        data: expect.objectContaining({ command: 'play', message: 'media server unreachable' }),
      }),
    );
    expect(commands).toContain('answer');
  });

  it('resumes from a checkpoint in a new session: same node, same sequence, pending timer honoured', async () => {
    const compiled = example('simple-menu.json');
    const first: CallRecord[] = [];
    let saved: CallCheckpoint | undefined;
    const a = CallSession.start({
      compiled,
      identity,
      call,
      port: recordingPort().port,
      sink: { write: (r) => first.push(r) },
      onCheckpoint: (c) => (saved = structuredClone(c)),
    });
    a.send({ type: 'PROMPT_DONE' }); // welcome heard
    a.send({ type: 'PROMPT_DONE' }); // menu prompt heard: waiting for a key, timer running
    expect(a.nodeId).toBe('mainMenu');
    a.detach();
    expect(saved?.timers).toHaveLength(1);

    const second: CallRecord[] = [];
    const clock = new SimulatedClock();
    const b = CallSession.resume({
      compiled,
      identity,
      call,
      port: recordingPort().port,
      sink: { write: (r) => second.push(r) },
      restore: saved!,
      clock,
    });
    expect(b.nodeId).toBe('mainMenu');
    b.send({ type: 'DTMF', digit: '1' } satisfies CallEvent);
    await b.ended();
    expect(second[0]).toMatchObject({ type: 'call.resumed', seq: saved!.seq + 1, nodeId: 'mainMenu' });
    expect([...first, ...second].map((r) => r.seq)).toEqual([...first, ...second].map((_, i) => i + 1));
    expect(second.filter((r) => r.type === 'node.left').map((r) => `${r.nodeId}:${r.data.outcome}`)).toEqual([
      'mainMenu:1',
    ]);
  });

  it('a restored menu times out on the restored timer', async () => {
    const compiled = example('simple-menu.json');
    let saved: CallCheckpoint | undefined;
    const a = CallSession.start({
      compiled,
      identity,
      call,
      port: recordingPort().port,
      sink: { write: () => {} },
      onCheckpoint: (c) => (saved = structuredClone(c)),
    });
    a.send({ type: 'PROMPT_DONE' });
    a.send({ type: 'PROMPT_DONE' });
    a.detach();
    const records: CallRecord[] = [];
    // The timer was due 5 s after it started; pretend the restart took longer than that.
    saved!.timers = saved!.timers.map((t) => ({ ...t, dueAt: Date.now() - 1 }));
    const b = CallSession.resume({
      compiled,
      identity,
      call,
      port: recordingPort().port,
      sink: { write: (r) => records.push(r) },
      restore: saved!,
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(b.nodeId).toBe('mainMenu');
    expect(records.map((r) => r.type)).toContain('prompt.played'); // the no-input retry replays the menu
  });

  it('runaway protection ends a call that never waits', async () => {
    const compiled = compile({
      schemaVersion: 1,
      name: 'Retry forever',
      settings: { maxSteps: 10 },
      nodes: [
        { id: 'start', type: 'start', data: {} },
        { id: 'xfer', type: 'transfer', data: { target: { kind: 'phone', number: '+14255550123' } } },
      ],
      edges: [
        { id: 'a', source: 'start', outcome: 'next', target: 'xfer' },
        { id: 'b', source: 'xfer', outcome: 'failed', target: 'xfer' },
      ],
    });
    const result = await simulateCall(compiled, { transferFails: true });
    expect(result.endedBy).toBe('error');
    expect(result.finalState).toBe('$runaway');
    expect(result.records).toContainEqual(
      expect.objectContaining({ type: 'error', data: expect.objectContaining({ code: 'runaway' }) }),
    );
  });

  it('a call resumed while waiting in a queue joins the waiting list again (it lives in the router, not the call)', async () => {
    const compiled = compile({
      schemaVersion: 1,
      name: 'Queue',
      nodes: [
        { id: 'start', type: 'start', data: {} },
        {
          id: 'sales',
          type: 'queue',
          data: { queueId: 'q-sales', priority: 2 },
          endCallOn: ['answered', 'timeout', 'overflow', 'noAgents'],
        },
      ],
      edges: [{ id: 'a', source: 'start', outcome: 'next', target: 'sales' }],
    });
    const joined: string[] = [];
    const queues = {
      enqueue: (r: { callId: string; queueId: string }) => void joined.push(`${r.callId}:${r.queueId}`),
      leave: () => {},
    };
    let saved: CallCheckpoint | undefined;
    const records: CallRecord[] = [];
    const a = CallSession.start({
      compiled,
      identity,
      call,
      port: recordingPort().port,
      queues,
      sink: { write: () => {} },
      onCheckpoint: (c) => (saved = structuredClone(c)),
    });
    await tick();
    expect(joined).toEqual(['c1:q-sales']);
    a.detach();
    const b = CallSession.resume({
      compiled,
      identity,
      call,
      port: recordingPort().port,
      queues,
      sink: { write: (r) => records.push(r) },
      restore: saved!,
    });
    expect(joined).toEqual(['c1:q-sales', 'c1:q-sales']);
    expect(records.map((r) => r.type)).toEqual(['call.resumed', 'queued']);
    b.send({ type: 'QUEUE_OVERFLOW' });
    await expect(b.ended()).resolves.toBe('flow');
  });
});

describe('effects see the step they belong to', () => {
  it('digits stored on the way into an HTTP request node are in its URL', async () => {
    const compiled = compile({
      schemaVersion: 1,
      name: 'Lookup',
      variables: [{ name: 'account' }],
      nodes: [
        { id: 'start', type: 'start', data: {} },
        {
          id: 'ask',
          type: 'collectDigits',
          data: {
            prompt: { kind: 'tts', text: 'Account?' },
            variable: 'account',
            minLength: 4,
            maxLength: 4,
          },
          endCallOn: ['noInput', 'invalid'],
        },
        {
          id: 'lookup',
          type: 'httpRequest',
          data: { url: 'https://crm.example.com/accounts/{{account}}' },
          endCallOn: ['success', 'error'],
        },
      ],
      edges: [
        { id: 'a', source: 'start', outcome: 'next', target: 'ask' },
        { id: 'b', source: 'ask', outcome: 'done', target: 'lookup' },
      ],
    });
    const urls: string[] = [];
    const fetchStub = (async (url: string) => {
      urls.push(url);
      return new Response('{}', { status: 200 });
    }) as unknown as typeof fetch;
    const result = await simulateCall(compiled, { digits: ['1234'] }, { fetch: fetchStub });
    expect(urls).toEqual(['https://crm.example.com/accounts/1234']);
    expect(result.path.at(-1)).toEqual({ nodeId: 'lookup', outcome: 'success' });
  });
});
