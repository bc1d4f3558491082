import { describe, expect, it } from 'vitest';
import {
  checkCredentials,
  findSipTrunk,
  findTenantBySlug,
  getLiveVersion,
  listAgents,
  listAudit,
  listFlows,
  listQueues,
  listSchedules,
  listSkills,
  listVersions,
  resolveBinding,
  rolesOf,
  seedDemo,
} from '../src';
import { useTestDatabase } from './support/database';
import { validFlow } from './support/fixtures';

const database = useTestDatabase();

describe('the demo seed', () => {
  it('a fresh install gets a demo tenant whose number reaches a published menu', async () => {
    const { db } = database;
    const demo = await seedDemo(database);
    expect(demo).toMatchObject({ tenantSlug: 'demo', email: 'admin@parley.local', password: 'parley-demo' });
    expect(demo.created).toContain('version 1 of Simple menu');

    const tenant = await findTenantBySlug(db, 'demo');
    const admin = await checkCredentials(db, demo.email, demo.password);
    expect(admin).not.toBeNull();
    expect(await rolesOf(db, admin!.id, tenant!.id)).toEqual(['admin']);
    const route = await resolveBinding(db, '+14255550100');
    expect(route).toMatchObject({ tenantId: tenant!.id, flowId: demo.flowId, liveVersion: 1 });
    expect((await getLiveVersion(db, tenant!.id, demo.flowId))?.document).toMatchObject({
      name: validFlow.name,
    });
    expect(await listSchedules(db, tenant!.id)).toHaveLength(1);
    expect(await listSkills(db, tenant!.id)).toHaveLength(1);
    expect((await listQueues(db, tenant!.id))[0]?.skillIds).toHaveLength(1);
    expect((await listAgents(db, tenant!.id))[0]?.skills).toHaveLength(1);
    // An SBC or sipp on this machine reaches the demo over SIP.
    for (const address of ['127.0.0.1', '::1']) {
      expect(await findSipTrunk(db, { address, hosts: [] })).toMatchObject({
        tenantId: tenant!.id,
        name: 'Local SBC',
      });
    }
  });

  it('running it again changes nothing', async () => {
    const { db } = database;
    const first = await seedDemo(database);
    const auditBefore = await listAudit(db, first.tenantId);
    const again = await seedDemo(database);

    expect(again.created).toEqual([]);
    expect(again).toMatchObject({ tenantId: first.tenantId, flowId: first.flowId });
    expect(await listFlows(db, first.tenantId)).toHaveLength(1);
    expect(await listVersions(db, first.tenantId, first.flowId)).toHaveLength(1);
    expect(await listAudit(db, first.tenantId)).toEqual(auditBefore);
  });

  it('a changed PARLEY_DEMO_PASSWORD takes effect on the next seed', async () => {
    const { db } = database;
    process.env.PARLEY_DEMO_PASSWORD = 'a-new-secret';
    try {
      const demo = await seedDemo(database);
      expect(demo.created).toEqual(['password of admin@parley.local']);
      expect(await checkCredentials(db, demo.email, 'a-new-secret')).not.toBeNull();
    } finally {
      delete process.env.PARLEY_DEMO_PASSWORD;
    }
  });
});
