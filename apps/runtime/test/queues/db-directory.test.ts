import {
  createAgent,
  createQueue,
  createSkill,
  createTenant,
  type Database,
  NotFoundError,
  openDatabase,
} from '@parley/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseAgentDirectory, DEFAULT_ALERT_TIMEOUT_SECONDS } from '../../src/queues';

describe('agents of a queue from the database', () => {
  let database: Database;

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
  });
  afterAll(() => database?.close());

  it('an admin sets up a networking queue → its agents, with all their skills, and its settings', async () => {
    const { db } = database;
    const tenant = await createTenant(db, { slug: 'contoso-queues', name: 'Contoso' });
    const networking = await createSkill(db, tenant.id, { name: 'Networking' });
    const french = await createSkill(db, tenant.id, { name: 'French' });
    const queue = await createQueue(db, tenant.id, {
      name: 'Support',
      settings: { maxQueueSize: 25, alertTimeoutSeconds: 20 },
      skillIds: [networking.id],
    });
    const open = await createQueue(db, tenant.id, { name: 'Anything', skillIds: [] });
    const ana = await createAgent(db, tenant.id, {
      teamsUserId: 'fa8bf3dc-eca7-46b7-bad1-db199b62afc3',
      displayName: 'Ana',
      sipTarget: '+14255550177',
      skills: [
        { skillId: networking.id, proficiency: 4 },
        { skillId: french.id, proficiency: 2 },
      ],
    });
    await createAgent(db, tenant.id, {
      teamsUserId: '66825e03-7ef5-42da-9069-724602c31f6b',
      displayName: 'Ben',
      skills: [{ skillId: french.id, proficiency: 5 }],
    });

    const directory = new DatabaseAgentDirectory(db);
    expect(await directory.agentsFor(tenant.id, queue.id)).toEqual({
      queue: { maxQueueSize: 25, alertTimeoutSeconds: 20 },
      agents: [
        {
          agentId: ana.id,
          teamsUserId: 'fa8bf3dc-eca7-46b7-bad1-db199b62afc3',
          displayName: 'Ana',
          sipTarget: '+14255550177',
          skills: { [networking.id]: 4, [french.id]: 2 },
        },
      ],
    });
    const anything = await directory.agentsFor(tenant.id, open.id);
    expect(anything.queue).toEqual({
      maxQueueSize: null,
      alertTimeoutSeconds: DEFAULT_ALERT_TIMEOUT_SECONDS,
    });
    expect(anything.agents.map((a) => a.displayName).sort()).toEqual(['Ana', 'Ben']);
  });

  it('a queue of another tenant → NotFoundError', async () => {
    const { db } = database;
    const mine = await createTenant(db, { slug: 'fabrikam-queues', name: 'Fabrikam' });
    const theirs = await createTenant(db, { slug: 'tailspin-queues', name: 'Tailspin' });
    const queue = await createQueue(db, theirs.id, { name: 'Support' });
    await expect(new DatabaseAgentDirectory(db).agentsFor(mine.id, queue.id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});
