import { describe, expect, it } from 'vitest';
import {
  bindAddress,
  createFlow,
  getFlow,
  getLiveVersion,
  getVersion,
  listAudit,
  listFlows,
  listVersions,
  NotFoundError,
  publishFlow,
  rollbackFlow,
  saveDraft,
} from '../src';
import { useTestDatabase } from './support/database';
import { newTenant, validFlow } from './support/fixtures';

const database = useTestDatabase();

describe('one tenant never touches another tenant’s flows', () => {
  it('tenant B, holding tenant A’s flow id, can neither read, save, publish, roll back nor bind it', async () => {
    const { db } = database;
    const a = await newTenant(db, 'a');
    const b = await newTenant(db, 'b');
    const flow = await createFlow(db, a.tenantId, { name: 'A line', document: validFlow }, a.userId);
    await publishFlow(db, a.tenantId, flow.id, { actorId: a.userId });
    const before = await getFlow(db, a.tenantId, flow.id);
    const auditOfA = await listAudit(db, a.tenantId);

    await expect(getFlow(db, b.tenantId, flow.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      saveDraft(db, b.tenantId, flow.id, { hijacked: true }, before.revision, b.userId),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(publishFlow(db, b.tenantId, flow.id, { actorId: b.userId })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(rollbackFlow(db, b.tenantId, flow.id, 1, b.userId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getVersion(db, b.tenantId, flow.id, 1)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getLiveVersion(db, b.tenantId, flow.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      bindAddress(db, b.tenantId, { kind: 'e164', address: '+442071838750', flowId: flow.id }, b.userId),
    ).rejects.toBeInstanceOf(NotFoundError);

    expect(await listFlows(db, b.tenantId)).toEqual([]);
    expect(await listVersions(db, b.tenantId, flow.id)).toEqual([]);
    expect(await listAudit(db, b.tenantId)).toEqual([]);
    expect(await getFlow(db, a.tenantId, flow.id)).toEqual(before);
    expect(await listAudit(db, a.tenantId)).toEqual(auditOfA);
    expect((await listVersions(db, a.tenantId, flow.id)).map((v) => v.number)).toEqual([1]);
  });

  it('an id that is not a uuid is simply not found', async () => {
    const { db } = database;
    const a = await newTenant(db);
    const flow = await createFlow(db, a.tenantId, { name: 'Ids', document: validFlow }, a.userId);
    await expect(getFlow(db, a.tenantId, 'main-line')).rejects.toBeInstanceOf(NotFoundError);
    await expect(getFlow(db, 'not-a-tenant', flow.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(publishFlow(db, 'not-a-tenant', flow.id, { actorId: a.userId })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});
