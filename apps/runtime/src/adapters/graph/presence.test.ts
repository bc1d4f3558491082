import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ID, TENANT_ID } from '../../../test/graph/harness';
import { GraphStandin } from '../../../test/graph/standin';
import { GraphClients } from './client';
import { createFetch } from './https-fetch';
import { GraphPresenceSource, PRESENCE_IDS_PER_REQUEST, readPresences } from './presence';

describe('Teams presence of agents through Graph', () => {
  const standin = new GraphStandin({ appId: APP_ID, appSecret: 'standin-secret', tenantId: TENANT_ID });
  let presence: GraphPresenceSource;

  beforeAll(async () => {
    await standin.start();
    const clients = new GraphClients({
      appId: APP_ID,
      appSecret: 'standin-secret',
      authorityHost: standin.origin,
      graphBaseUrl: standin.graphBaseUrl,
      fetch: createFetch({ ca: standin.ca }),
    });
    presence = new GraphPresenceSource(clients);
  });

  afterAll(() => standin.stop());

  it('asks getPresencesByUserId with an app token → every agent the stand-in knows is Available', async () => {
    const ana = randomUUID();
    const ben = randomUUID();
    const result = await presence.availability(TENANT_ID, [ana, ben, ana]);
    expect(result).toEqual(
      new Map([
        [ana, 'Available'],
        [ben, 'Available'],
      ]),
    );
    const [request] = standin.requestsTo('/communications/getPresencesByUserId');
    expect(request).toMatchObject({ method: 'POST', body: { ids: [ana, ben] } });
    expect(request?.authorization).toMatch(/^Bearer standin\./);
  });

  it('a contact center of 700 agents → two requests, of 650 ids and of 50', async () => {
    const before = standin.requestsTo('/communications/getPresencesByUserId').length;
    const ids = Array.from({ length: 700 }, () => randomUUID());
    const result = await presence.availability(TENANT_ID, ids);
    expect(result.size).toBe(700);
    const requests = standin.requestsTo('/communications/getPresencesByUserId').slice(before);
    expect(requests.map((r) => (r.body as { ids: string[] }).ids.length).sort((a, b) => b - a)).toEqual([
      PRESENCE_IDS_PER_REQUEST,
      50,
    ]);
  });

  it('no agents to ask about → no request at all', async () => {
    const before = standin.requestsTo('/communications/getPresencesByUserId').length;
    expect(await presence.availability(TENANT_ID, [])).toEqual(new Map());
    expect(standin.requestsTo('/communications/getPresencesByUserId')).toHaveLength(before);
  });
});

describe('reading a getPresencesByUserId answer', () => {
  it('the documented example: Busy in a meeting, Away → Busy, Away', () => {
    const answer = {
      value: [
        { id: 'fa8bf3dc-eca7-46b7-bad1-db199b62afc3', availability: 'Busy', activity: 'InAMeeting' },
        { id: '66825e03-7ef5-42da-9069-724602c31f6b', availability: 'Away', activity: 'Away' },
      ],
    };
    expect(
      readPresences(answer, ['fa8bf3dc-eca7-46b7-bad1-db199b62afc3', '66825e03-7ef5-42da-9069-724602c31f6b']),
    ).toEqual(
      new Map([
        ['fa8bf3dc-eca7-46b7-bad1-db199b62afc3', 'Busy'],
        ['66825e03-7ef5-42da-9069-724602c31f6b', 'Away'],
      ]),
    );
  });

  it('a value Parley does not know, a missing user, an id in other case → PresenceUnknown, unknown, matched', () => {
    const answer = {
      value: [
        { id: 'A1', availability: 'OutOfOfficeSomeday', activity: 'Whatever' },
        { id: 'b2', availability: null },
        { id: 'C3', availability: 'AvailableIdle' },
      ],
    };
    expect(readPresences(answer, ['a1', 'b2', 'c3', 'd4'])).toEqual(
      new Map([
        ['a1', 'PresenceUnknown'],
        ['b2', 'PresenceUnknown'],
        ['c3', 'AvailableIdle'],
        ['d4', 'PresenceUnknown'],
      ]),
    );
  });

  it('an answer that is not the documented shape → an error, not a guess', () => {
    expect(() => readPresences({ presences: [] }, ['a1'])).toThrow();
  });
});
