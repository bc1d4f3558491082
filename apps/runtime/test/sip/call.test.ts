import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { sbcOffer } from '@parley/sip/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathOf } from '../runtime/harness';
import { freeUdpPort, runSipp, SipRuntime, sippAvailable } from './harness';
import { SbcCall } from './sbc-call';

const scenarios = import.meta.dirname;
const scenario = (name: string) => join(scenarios, name);
const sipp = sippAvailable();

describe.skipIf(!sipp)('a Direct Routing call over SIP, with sipp as the SBC', () => {
  let agentPort = 0;
  let sip: SipRuntime;
  beforeAll(async () => {
    agentPort = await freeUdpPort();
    // Agent legs and transfers go through "the SBC": here the agent's phone, a second sipp.
    sip = new SipRuntime({ sbcHost: `127.0.0.1:${agentPort}` });
    await sip.start();
  });
  afterAll(() => sip.stop());
  const target = () => `127.0.0.1:${sip.sipPort}`;

  it('the SBC pings with OPTIONS → 200 with Allow and Accept', async () => {
    const { code, output } = await runSipp(scenario('options-ping.xml'), target(), `sipp-${randomUUID()}`);
    expect(code, output).toBe(0);
  });

  it('caller hears the welcome → presses 1 in the menu → is transferred to sales by REFER', async () => {
    const callId = `sipp-${randomUUID()}`;
    const { code, output } = await runSipp(scenario('refer-on-1.xml'), target(), callId);
    expect(code, output).toBe(0);
    const events = await sip.events(callId);
    expect(pathOf(events)).toEqual(['start:next', 'welcome:done', 'mainMenu:1']);
    expect(events.map((e) => e.type)).toContain('transferred');
  });

  it('caller presses a key the menu lacks → is transferred to the operator by REFER', async () => {
    const callId = `sipp-${randomUUID()}`;
    const { code, output } = await runSipp(scenario('invalid-to-operator.xml'), target(), callId);
    expect(code, output).toBe(0);
    const events = await sip.events(callId);
    expect(pathOf(events)).toEqual(['start:next', 'welcome:done', 'mainMenu:invalid']);
    expect(events.find((e) => e.type === 'transferred')?.nodeId).toBe('operator');
  });

  it('caller presses 3 → waits in the support queue → the agent’s phone rings and answers → caller hangs up → both legs end', async () => {
    const callId = `sipp-${randomUUID()}`;
    const agent = runSipp(scenario('agent-answers.xml'), null, `agent-${randomUUID()}`, {
      port: agentPort,
      extra: ['-timeout', '30s'],
    });
    const caller = await runSipp(scenario('queue-on-3.xml'), target(), callId);
    expect(caller.code, caller.output).toBe(0);
    const answered = await agent;
    expect(answered.code, answered.output).toBe(0);

    const events = await sip.events(callId);
    expect(pathOf(events)).toEqual(['start:next', 'welcome:done', 'mainMenu:3']);
    const story = events.filter((e) => e.nodeId === 'support').map((e) => e.type);
    expect(story).toEqual(
      expect.arrayContaining(['node.entered', 'queued', 'agent.offered', 'agent.answered']),
    );
    expect(events.at(-1)).toMatchObject({ type: 'call.ended', data: { by: 'caller' } });
    expect(sip.runtime.manager.activeCalls).toBe(0);
  });
});

describe.skipIf(!sipp)('a caller who gives up while Parley still rings', () => {
  const sip = new SipRuntime({ answerDelayMs: 5_000, maxCalls: 1 });
  beforeAll(() => sip.start());
  afterAll(() => sip.stop());

  it('CANCEL after 180 → 200 and 487 → the call is stored as ended by the caller, nothing left running', async () => {
    const callId = `sipp-${randomUUID()}`;
    const { code, output } = await runSipp(
      scenario('cancel-while-ringing.xml'),
      `127.0.0.1:${sip.sipPort}`,
      callId,
    );
    expect(code, output).toBe(0);
    const events = await sip.events(callId);
    expect(events.at(0)?.type).toBe('call.started');
    expect(events.at(-1)).toMatchObject({ type: 'call.ended', data: { by: 'caller' } });
    expect(sip.runtime.manager.activeCalls).toBe(0);
  });

  it('at the call limit → a second INVITE gets 503 with Retry-After, so the SBC tries another runtime', async () => {
    const ringing = await SbcCall.open(sip.sipPort);
    const second = await SbcCall.open(sip.sipPort);
    ringing.invite(sbcOffer(7000));
    await ringing.peer.response(180, 'INVITE', 10_000);
    second.invite(sbcOffer(7002));
    const refused = await second.peer.response(503, 'INVITE', 10_000);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    ringing.close();
    second.close();
  });
});
