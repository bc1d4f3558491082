import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  bindAddress,
  ConflictError,
  createFlow,
  deleteFlow,
  getFlow,
  getVersion,
  listAudit,
  listFlows,
  NotFoundError,
  publishFlow,
  queryRows,
  saveDraft,
  unbindAddress,
  ValidationError,
} from '../src';
import { useTestDatabase } from './support/database';
import { newTenant, validFlow } from './support/fixtures';

const database = useTestDatabase();

describe('designing a flow', () => {
  it('a designer creates a flow and finds it listed at revision 1', async () => {
    const { db } = database;
    const { tenantId, userId } = await newTenant(db);
    const flow = await createFlow(db, tenantId, { name: 'Main line', document: validFlow }, userId);
    expect(flow.revision).toBe(1);
    expect(flow.liveVersion).toBeNull();
    expect((await listFlows(db, tenantId)).map((f) => f.name)).toEqual(['Main line']);
    expect((await getFlow(db, tenantId, flow.id)).draft).toEqual(validFlow);
  });

  it('the draft is stored as a JSON object, not a JSON string', async () => {
    const { db } = database;
    const { tenantId, userId } = await newTenant(db);
    const flow = await createFlow(db, tenantId, { name: 'Stored', document: validFlow }, userId);
    const [row] = await queryRows<{ kind: string }>(
      db,
      sql`select jsonb_typeof(draft) as kind from flows where id = ${flow.id}`,
    );
    expect(row?.kind).toBe('object');
  });

  it('saving on the current revision bumps it and keeps the new draft', async () => {
    const { db } = database;
    const { tenantId, userId } = await newTenant(db);
    const flow = await createFlow(db, tenantId, { name: 'Sales', document: validFlow }, userId);
    const renamed = { ...validFlow, name: 'Sales line' };
    const saved = await saveDraft(db, tenantId, flow.id, renamed, 1, userId);
    expect(saved.revision).toBe(2);
    expect((await getFlow(db, tenantId, flow.id)).draft).toEqual(renamed);
  });

  it('two editors save on revision 1: the second gets ConflictError and the first one’s draft stays', async () => {
    const { db } = database;
    const { tenantId, userId } = await newTenant(db);
    const flow = await createFlow(db, tenantId, { name: 'Support', document: validFlow }, userId);
    const alice = { ...validFlow, name: 'Alice was here' };
    const bob = { ...validFlow, name: 'Bob was here' };
    await saveDraft(db, tenantId, flow.id, alice, 1, userId);

    const stale = saveDraft(db, tenantId, flow.id, bob, 1, userId);
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    await expect(stale).rejects.toMatchObject({ details: { currentRevision: 2 } });
    const after = await getFlow(db, tenantId, flow.id);
    expect(after.revision).toBe(2);
    expect(after.draft).toEqual(alice);
  });

  it('racing saves on one revision: exactly one wins', async () => {
    const { db } = database;
    const { tenantId, userId } = await newTenant(db);
    const flow = await createFlow(db, tenantId, { name: 'Race', document: validFlow }, userId);
    const results = await Promise.allSettled(
      [1, 2, 3, 4].map((i) =>
        saveDraft(db, tenantId, flow.id, { ...validFlow, name: `editor ${i}` }, 1, userId),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof ConflictError)).toHaveLength(
      3,
    );
    expect((await getFlow(db, tenantId, flow.id)).revision).toBe(2);
  });

  it('a draft that is not a JSON object is refused', async () => {
    const { db } = database;
    const { tenantId, userId } = await newTenant(db);
    const flow = await createFlow(db, tenantId, { name: 'Shape', document: validFlow }, userId);
    await expect(saveDraft(db, tenantId, flow.id, 'not a flow', 1, userId)).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect((await getFlow(db, tenantId, flow.id)).revision).toBe(1);
  });

  it('two flows of one tenant cannot share a name', async () => {
    const { db } = database;
    const { tenantId, userId } = await newTenant(db);
    await createFlow(db, tenantId, { name: 'Twin', document: validFlow }, userId);
    await expect(
      createFlow(db, tenantId, { name: 'Twin', document: validFlow }, userId),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it('deleting: a draft never published goes for good; a published one is archived; a bound one is refused', async () => {
    const { db } = database;
    const { tenantId, userId } = await newTenant(db);
    const scratch = await createFlow(db, tenantId, { name: 'Scratch', document: validFlow }, userId);
    expect(await deleteFlow(db, tenantId, scratch.id, userId)).toEqual({ archived: false });
    await expect(getFlow(db, tenantId, scratch.id)).rejects.toBeInstanceOf(NotFoundError);

    const main = await createFlow(db, tenantId, { name: 'Main line', document: validFlow }, userId);
    await publishFlow(db, tenantId, main.id, { actorId: userId });
    const binding = await bindAddress(
      db,
      tenantId,
      { kind: 'e164', address: '+14255550777', flowId: main.id },
      userId,
    );
    await expect(deleteFlow(db, tenantId, main.id, userId)).rejects.toThrow(
      '+14255550777 still routes to "Main line"',
    );
    await unbindAddress(db, tenantId, binding.id, userId);
    expect(await deleteFlow(db, tenantId, main.id, userId)).toEqual({ archived: true });
    expect((await listFlows(db, tenantId)).map((f) => f.name)).toEqual([]);
    expect((await getVersion(db, tenantId, main.id, 1)).number).toBe(1); // calls that ran it still read it
    await expect(saveDraft(db, tenantId, main.id, validFlow, 2, userId)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    // The name is free again.
    await createFlow(db, tenantId, { name: 'Main line', document: validFlow }, userId);
    const actions = (await listAudit(db, tenantId)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['flow.deleted', 'flow.archived']));
  });
});
