import { randomUUID } from 'node:crypto';
import { listCalls } from '@parley/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../graph/standin';
import { newStandin, RuntimeUnderTest } from './harness';

describe('runtime: health, metrics, and notifications it refuses', () => {
  const standin = newStandin();
  const parley = new RuntimeUnderTest(standin);
  const get = (path: string) => fetch(`${parley.runtime.url}${path}`);
  const storedCalls = () => listCalls(parley.database.db, parley.seed.tenant.id);

  beforeAll(async () => {
    await standin.start();
    await parley.start();
  });
  afterAll(async () => {
    await parley.stop();
    await standin.stop();
  });

  it('answers /healthz, /readyz and /health', async () => {
    expect((await get('/healthz')).status).toBe(200);
    expect(await (await get('/readyz')).json()).toEqual({ status: 'ready' });
    expect(await (await get('/health')).json()).toMatchObject({ status: 'ok', database: 'pglite' });
  });

  it('counts calls, their ends and the event sink backlog in Prometheus /metrics', async () => {
    standin.opts.promptMs = 'manual';
    const id = randomUUID();
    await standin.ring(id);
    await standin.waitForRequest(`/communications/calls/${id}/playPrompt`);
    const during = await (await get('/metrics')).text();
    expect(during).toMatch(/^parley_active_calls\{channel="graph"\} 1$/m);
    expect(during).toMatch(/^parley_calls_started_total\{channel="graph"\} 1$/m);
    expect(during).toMatch(/^parley_event_sink_backlog \d+$/m);
    await standin.hangUp(id);
    await parley.ended(id);
    const after = await (await get('/metrics')).text();
    expect(after).toMatch(/^parley_active_calls\{channel="graph"\} 0$/m);
    expect(after).toMatch(/^parley_calls_ended_total\{channel="graph",ended_by="caller"\} 1$/m);
  });

  it('a notification with a missing or forged token → 401; nothing is stored and Graph hears nothing', async () => {
    const before = { calls: (await storedCalls()).length, requests: standin.requests.length };
    const missing = await standin.notify(fixture('notification-incoming-call.json'), { token: null });
    const forged = await standin.notify(fixture('notification-incoming-call.json'), {
      token: await standin.notificationToken({ aud: randomUUID() }),
    });
    expect([missing.status, forged.status]).toEqual([401, 401]);
    expect((await storedCalls()).length).toBe(before.calls);
    expect(standin.requests.length).toBe(before.requests);
  });

  it('a malformed notification → 400 naming the field; nothing is stored', async () => {
    const before = (await storedCalls()).length;
    const bad = fixture<{ value: Record<string, unknown>[] }>('notification-incoming-call.json');
    delete bad.value[0]!.resourceUrl;
    const res = await standin.notify(bad);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ error: 'bad-request', field: 'value.0.resourceUrl' });
    expect((await storedCalls()).length).toBe(before);
  });

  it('a notification for a call id nobody knows → 404 with the id; nothing is stored', async () => {
    const before = (await storedCalls()).length;
    const res = await standin.notify({
      value: [
        {
          changeType: 'updated',
          resourceUrl: '/communications/calls/4c1d0b1e-no-such-call',
          resourceData: {
            '@odata.type': '#microsoft.graph.call',
            state: 'established',
            toneInfo: { sequenceId: 1, tone: 'tone1' },
          },
        },
      ],
    });
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body).message).toContain('4c1d0b1e-no-such-call');
    expect((await storedCalls()).length).toBe(before);
  });
});
