import type { CallRecord } from '@parley/call-engine';
import { CallSession, VirtualClock } from '@parley/call-engine';
import { compileFlow, instantAt } from '@parley/flow-schema';
import { describe, expect, it } from 'vitest';
import {
  BrowserTelephony,
  type PendingAction,
} from '../../src/features/designer/simulator/browser-telephony';
import { example } from './fixtures';

const doc = example('contact-center');

/** A call to the example flow on the simulator's network, as the Simulator tab places it. */
function placeCall(local: string) {
  const compiled = compileFlow(doc);
  if (!compiled.ok) throw new Error('example does not compile');
  const clock = new VirtualClock(instantAt(local, doc.settings.timezone).getTime());
  const lines: string[] = [];
  const pending: (PendingAction | null)[] = [];
  const records: CallRecord[] = [];
  const network = new BrowserTelephony({
    line: (_k, text) => lines.push(text),
    pending: (a) => pending.push(a),
  });
  const session = CallSession.start({
    compiled: compiled.compiled,
    identity: { tenantId: 't', callId: 'c', flowId: 'f', version: 0 },
    call: {
      callId: 'c',
      caller: '+14255550100',
      called: '+14255550199',
      channel: 'sim',
      startedAt: clock.now().toISOString(),
    },
    port: network,
    queues: network,
    sink: { write: (r) => records.push(r) },
    clock,
    now: () => clock.now(),
    fetch: network.fetch,
  });
  network.send = (e) => session.send(e);
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return { session, clock, lines, pending, records, network, settle };
}

describe('the simulator network', () => {
  it('calls in business hours hear the menu; pressing 1 goes on to the account number', async () => {
    const call = placeCall('2026-12-22T10:00');
    await call.settle();
    expect(call.session.nodeId).toBe('mainMenu');
    expect(call.lines.some((l) => l.startsWith('For billing press 1'))).toBe(true);
    call.session.send({ type: 'DTMF', digit: '1' });
    await call.settle();
    expect(call.session.nodeId).toBe('askAccount');
  });

  it('a menu left in silence times out only when the clock is moved', async () => {
    const call = placeCall('2026-12-22T10:00');
    await call.settle();
    const heard = call.lines.length;
    call.clock.advance(4000);
    await call.settle();
    expect(call.lines.length).toBe(heard);
    call.clock.advance(2000);
    await call.settle();
    expect(call.lines.at(-2)).toBe('Sorry, I did not hear a choice.');
  });

  it('after hours goes to voicemail, which waits for the admin to say what happens', async () => {
    const call = placeCall('2026-12-22T20:00');
    await call.settle();
    expect(call.pending.at(-1)).toMatchObject({ kind: 'voicemail' });
    call.network.choose('voicemailRecorded');
    await call.settle();
    expect(call.session.done).toBe(true);
    expect(await call.session.ended()).toBe('handoff');
  });

  it('a queue waits for an agent, no agents, or a full queue', async () => {
    const call = placeCall('2026-12-22T10:00');
    await call.settle();
    call.session.send({ type: 'DTMF', digit: '2' });
    await call.settle();
    expect(call.session.nodeId).toBe('supportQueue');
    expect(call.pending.at(-1)).toMatchObject({ kind: 'queue', detail: 'q-support' });
    call.network.choose('noAgents');
    await call.settle();
    const left = call.records
      .filter((r) => r.type === 'node.left')
      .map((r) => `${r.nodeId}.${r.data.outcome}`);
    expect(left).toContain('supportQueue.noAgents');
  });

  it('a web request is answered by the admin: a 200 with JSON fills the mapped variables', async () => {
    const call = placeCall('2026-12-22T10:00');
    await call.settle();
    call.session.send({ type: 'DTMF', digit: '1' });
    await call.settle();
    for (const d of '123456#') call.session.send({ type: 'DTMF', digit: d });
    await call.settle();
    expect(call.pending.at(-1)).toMatchObject({ kind: 'http' });
    expect(call.pending.at(-1)?.detail).toMatch(/^GET https:\/\/crm\.contoso\.example\/accounts\//);
    call.network.httpBody = '{"customer":{"tier":"gold"}}';
    call.network.choose('httpOk');
    for (let i = 0; i < 5; i++) await call.settle();
    const entered = call.records.filter((r) => r.type === 'node.entered').map((r) => r.nodeId);
    expect(entered).toContain('markVip');
  });
});
