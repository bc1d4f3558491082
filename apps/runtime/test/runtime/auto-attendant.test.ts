import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AGENT_ALEX,
  AGENT_MEGAN,
  MAILBOX_ID,
  newStandin,
  OPERATOR_ID,
  pathOf,
  RuntimeUnderTest,
} from './harness';

const OPEN = new Date('2026-12-01T15:00:00Z'); // Tuesday 10:00 in New York
const CLOSED = new Date('2026-12-02T02:00:00Z'); // Tuesday 21:00 in New York
const CHRISTMAS = new Date('2026-12-25T15:00:00Z'); // Friday 10:00 in New York, a holiday

describe('runtime: the auto attendant over Graph, events stored', () => {
  const standin = newStandin();
  const parley = new RuntimeUnderTest(standin);

  beforeAll(async () => {
    await standin.start();
    await parley.start();
  });
  afterAll(async () => {
    await parley.stop();
    await standin.stop();
  });
  beforeEach(() => {
    standin.opts.promptMs = 30;
    standin.opts.transfer = 'accept';
    standin.opts.unanswered = new Set();
    parley.now = OPEN;
  });

  const call = () => randomUUID();
  const requestPaths = (id: string) =>
    standin.requests
      .filter((r) => r.path.includes(id))
      .map((r) => `${r.method} ${r.path.replace(/^.*\/calls\/[^/]+/, '')}`);

  it('open → presses 3 → transferred to the operator (a Teams user by object id) → handed off', async () => {
    const id = call();
    await standin.ring(id);
    await standin.waitForRequest(`/communications/calls/${id}/playPrompt`, 2); // welcome, then the menu
    await standin.press(id, '3');
    const transfer = await standin.waitForRequest(`/communications/calls/${id}/transfer`);
    expect(transfer.body).toMatchObject({
      transferTarget: { endpointType: 'default', identity: { user: { id: OPERATOR_ID } } },
    });
    const stored = await parley.ended(id);
    expect(stored).toMatchObject({
      endedBy: 'handoff',
      version: parley.seed.version.number,
      channel: 'graph',
    });
    const events = await parley.events(id);
    expect(pathOf(events)).toEqual(['start:next', 'hours:open', 'welcome:done', 'mainMenu:3']);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['call.started', 'digits.received', 'transferred', 'call.ended']),
    );
    expect(requestPaths(id).slice(0, 2)).toEqual(['POST /answer', 'POST /subscribeToTone']);
  });

  it('closed → hears the closed message → voicemail (a transfer to the mailbox with endpointType voicemail)', async () => {
    parley.now = CLOSED;
    const id = call();
    await standin.ring(id);
    const transfer = await standin.waitForRequest(`/communications/calls/${id}/transfer`);
    expect(transfer.body).toMatchObject({
      transferTarget: { endpointType: 'voicemail', identity: { user: { id: MAILBOX_ID } } },
    });
    await parley.ended(id);
    const events = await parley.events(id);
    expect(pathOf(events)).toEqual(['start:next', 'hours:closed', 'closedMessage:done']);
    expect(events.filter((e) => e.type === 'voicemail')).toHaveLength(1);
  });

  it('Christmas → hears the holiday message → Parley hangs up (DELETE the call)', async () => {
    parley.now = CHRISTMAS;
    const id = call();
    await standin.ring(id);
    const hangup = await standin.waitForRequest(new RegExp(`/communications/calls/${id}$`));
    expect(hangup.method).toBe('DELETE');
    const stored = await parley.ended(id);
    expect(stored.endedBy).toBe('flow');
    expect(pathOf(await parley.events(id))).toEqual(['start:next', 'hours:holiday', 'holidayMessage:done']);
  });

  it('three invalid keys → "not an option" twice → the operator', async () => {
    const id = call();
    await standin.ring(id);
    await standin.waitForRequest(`/communications/calls/${id}/playPrompt`, 2);
    for (let attempt = 0; attempt < 2; attempt++) {
      await standin.press(id, '9');
      // the apology, then the menu again
      await standin.waitForRequest(`/communications/calls/${id}/playPrompt`, 4 + attempt * 2);
    }
    await standin.press(id, '9');
    await standin.waitForRequest(`/communications/calls/${id}/transfer`);
    await parley.ended(id);
    const events = await parley.events(id);
    expect(pathOf(events)).toEqual(['start:next', 'hours:open', 'welcome:done', 'mainMenu:invalid']);
    expect(events.filter((e) => e.type === 'digits.received').map((e) => e.data.digit)).toEqual([
      '9',
      '9',
      '9',
    ]);
  });

  it('the caller hangs up at the menu → ended by the caller, nothing more is sent to Graph', async () => {
    standin.opts.promptMs = 'manual';
    const id = call();
    await standin.ring(id);
    await standin.waitForRequest(`/communications/calls/${id}/playPrompt`);
    await standin.hangUp(id);
    const stored = await parley.ended(id);
    expect(stored.endedBy).toBe('caller');
    const events = await parley.events(id);
    expect(events.at(-1)).toMatchObject({ type: 'call.ended', data: { by: 'caller' } });
    expect(standin.requestsTo(new RegExp(`/communications/calls/${id}$`))).toEqual([]);
  });

  it('publishing and rolling back re-route new calls without a restart', async () => {
    const { db } = parley.database;
    const { saveDraft, publishFlow, rollbackFlow, getFlow } = await import('@parley/db');
    const { tenant, flow: seeded, admin } = parley.seed;
    const flow = await getFlow(db, tenant.id, seeded.id);
    await saveDraft(
      db,
      tenant.id,
      flow.id,
      { ...(flow.draft as object), description: 'next' },
      flow.revision,
      admin.id,
    );
    const next = await publishFlow(db, tenant.id, flow.id, { actorId: admin.id });
    const versionOfNewCall = async () => {
      await new Promise((resolve) => setTimeout(resolve, 1_100)); // the router looks at most once a second
      standin.opts.promptMs = 'manual';
      const id = call();
      await standin.ring(id);
      await standin.waitForRequest(`/communications/calls/${id}/playPrompt`);
      await standin.hangUp(id);
      return (await parley.ended(id)).version;
    };
    expect(await versionOfNewCall()).toBe(next.number);
    await rollbackFlow(db, tenant.id, flow.id, parley.seed.version.number, admin.id);
    expect(await versionOfNewCall()).toBe(parley.seed.version.number);
  });

  it('a call keeps the version it started on when a new version is published mid-call', async () => {
    standin.opts.promptMs = 'manual';
    const id = call();
    await standin.ring(id);
    await standin.waitForRequest(`/communications/calls/${id}/playPrompt`);
    const { db } = parley.database;
    const { saveDraft, publishFlow, getFlow } = await import('@parley/db');
    const flow = await getFlow(db, parley.seed.tenant.id, parley.seed.flow.id);
    await saveDraft(
      db,
      flow.tenantId,
      flow.id,
      { ...(flow.draft as object), name: 'Main line v2' },
      flow.revision,
      parley.seed.admin.id,
    );
    const v2 = await publishFlow(db, flow.tenantId, flow.id, { actorId: parley.seed.admin.id });
    expect(v2.number).toBeGreaterThan(parley.seed.version.number);
    await standin.hangUp(id);
    expect((await parley.ended(id)).version).toBe(parley.seed.version.number);
  });

  it('open → presses 1 → sales queue → an available agent is offered the call (a transfer) → answers → handed off', async () => {
    standin.opts.unanswered = new Set([AGENT_MEGAN]);
    const id = call();
    await standin.ring(id);
    await standin.waitForRequest(`/communications/calls/${id}/playPrompt`, 2);
    await standin.press(id, '1');
    const stored = await parley.ended(id);
    expect(stored.endedBy).toBe('handoff');
    const offered = standin
      .requestsTo(`/communications/calls/${id}/transfer`)
      .map(
        (r) =>
          (r.body as { transferTarget: { identity: { user: { id: string } } } }).transferTarget.identity.user
            .id,
      );
    expect(offered.at(-1)).toBe(AGENT_ALEX);
    expect(new Set(offered)).toEqual(
      new Set(offered.includes(AGENT_MEGAN) ? [AGENT_MEGAN, AGENT_ALEX] : [AGENT_ALEX]),
    );
    const events = await parley.events(id);
    const types = events.map((e) => e.type);
    expect(types.indexOf('queued')).toBeGreaterThan(-1);
    expect(types.indexOf('agent.offered')).toBeGreaterThan(types.indexOf('queued'));
    expect(types.lastIndexOf('agent.answered')).toBeGreaterThan(types.indexOf('agent.offered'));
    expect(events.find((e) => e.type === 'agent.answered')?.data).toMatchObject({
      agentId: parley.seed.agents.alex.id,
    });
    expect(pathOf(events)).toEqual(['start:next', 'hours:open', 'welcome:done', 'mainMenu:1']);
  });

  it('open → presses 2 while support is full → overflow → voicemail; the waiting caller hangs up → ended by the caller', async () => {
    standin.opts.unanswered = new Set([AGENT_MEGAN, AGENT_ALEX]);
    const waiting = call();
    await standin.ring(waiting);
    await standin.waitForRequest(`/communications/calls/${waiting}/playPrompt`, 2);
    await standin.press(waiting, '2');
    // Megan is rung and does not answer: the caller stays in the queue, with hold music.
    await standin.waitForRequest(`/communications/calls/${waiting}/transfer`);

    const next = call();
    await standin.ring(next);
    await standin.waitForRequest(`/communications/calls/${next}/playPrompt`, 2);
    await standin.press(next, '2');
    const voicemail = await standin.waitForRequest(`/communications/calls/${next}/transfer`);
    expect(voicemail.body).toMatchObject({ transferTarget: { endpointType: 'voicemail' } });
    await parley.ended(next);
    expect(pathOf(await parley.events(next))).toEqual([
      'start:next',
      'hours:open',
      'welcome:done',
      'mainMenu:2',
      'support:overflow',
    ]);

    await standin.hangUp(waiting);
    const stored = await parley.ended(waiting);
    expect(stored.endedBy).toBe('caller');
    const events = await parley.events(waiting);
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['queued', 'agent.offered', 'call.ended']),
    );
    expect(events.some((e) => e.type === 'agent.answered')).toBe(false);
    const offersBefore = standin.requestsTo(`/communications/calls/${waiting}/transfer`).length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(standin.requestsTo(`/communications/calls/${waiting}/transfer`)).toHaveLength(offersBefore);
  });
});
