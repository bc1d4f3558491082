import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  createFlow,
  createPrompt,
  flowVersions,
  getFlow,
  getLiveVersion,
  getVersion,
  listAudit,
  listVersions,
  NotFoundError,
  publishFlow,
  rollbackFlow,
  saveDraft,
  ValidationError,
} from '../src';
import { useTestDatabase } from './support/database';
import { databaseFailure, invalidFlow, newTenant, validFlow } from './support/fixtures';

const database = useTestDatabase();

async function flowWith(document: unknown, name = 'Main line') {
  const { db } = database;
  const { tenantId, userId } = await newTenant(db);
  const flow = await createFlow(db, tenantId, { name, document }, userId);
  return { db, tenantId, userId, flowId: flow.id };
}

describe('publishing a flow', () => {
  it('a publisher publishes the draft: version 1 goes live, compiled, hashed and audited', async () => {
    const { db, tenantId, userId, flowId } = await flowWith(validFlow);
    const version = await publishFlow(db, tenantId, flowId, { actorId: userId, note: 'first cut' });

    expect(version).toMatchObject({ number: 1, note: 'first cut', publishedBy: userId, draftRevision: 1 });
    expect(version.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(version.compiled.hash).toBe(version.hash);
    expect(version.compiled.machine.initial).toBe('start');
    expect((await getFlow(db, tenantId, flowId)).liveVersion).toBe(1);
    expect((await getLiveVersion(db, tenantId, flowId))?.number).toBe(1);
    const [entry] = await listAudit(db, tenantId, { subjectId: flowId });
    expect(entry).toMatchObject({
      action: 'flow.publish',
      actorId: userId,
      details: { version: 1, previous: null },
    });
  });

  it('an invalid draft is refused with its problems, and nothing is written', async () => {
    const { db, tenantId, userId, flowId } = await flowWith(invalidFlow, 'Broken');
    const auditBefore = await listAudit(db, tenantId);

    const publishing = publishFlow(db, tenantId, flowId, { actorId: userId });
    await expect(publishing).rejects.toBeInstanceOf(ValidationError);
    const error = (await publishing.catch((e: unknown) => e)) as ValidationError;
    expect(error.problems.map((p) => p.code)).toContain('invalid-timezone');

    expect(await listVersions(db, tenantId, flowId)).toEqual([]);
    expect(await db.select().from(flowVersions).where(eq(flowVersions.flowId, flowId))).toEqual([]);
    expect((await getFlow(db, tenantId, flowId)).liveVersion).toBeNull();
    expect(await listAudit(db, tenantId)).toEqual(auditBefore);
  });

  it('a draft playing an audio prompt the tenant does not have is refused; with its own prompt it publishes', async () => {
    const { db } = database;
    const { tenantId, userId } = await newTenant(db);
    const prompt = await createPrompt(db, tenantId, {
      name: 'Welcome',
      language: 'en-GB',
      contentType: 'audio/wav',
      bytes: new Uint8Array([82, 73, 70, 70]),
    });
    const playing = (promptId: string) => ({
      ...validFlow,
      nodes: validFlow.nodes.map((n) =>
        n.id === 'welcome' ? { ...n, data: { prompt: { kind: 'audio', promptId } } } : n,
      ),
    });
    const missing = await createFlow(
      db,
      tenantId,
      { name: 'Missing', document: playing(randomUUID()) },
      userId,
    );
    const error = await publishFlow(db, tenantId, missing.id, { actorId: userId }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems).toMatchObject([
      { nodeId: 'welcome', code: 'unknown-reference' },
    ]);
    expect(await listVersions(db, tenantId, missing.id)).toEqual([]);

    const found = await createFlow(db, tenantId, { name: 'Found', document: playing(prompt.id) }, userId);
    expect((await publishFlow(db, tenantId, found.id, { actorId: userId })).number).toBe(1);
  });

  it('publishing again gives version 2 from the newer draft, and version 1 is kept as it was', async () => {
    const { db, tenantId, userId, flowId } = await flowWith(validFlow);
    const v1 = await publishFlow(db, tenantId, flowId, { actorId: userId });
    await saveDraft(
      db,
      tenantId,
      flowId,
      { ...validFlow, settings: { ...validFlow.settings, timezone: 'Europe/Paris' } },
      1,
      userId,
    );
    const v2 = await publishFlow(db, tenantId, flowId, { actorId: userId });

    expect(v2).toMatchObject({ number: 2, draftRevision: 2 });
    expect((await listVersions(db, tenantId, flowId)).map((v) => v.number)).toEqual([2, 1]);
    expect((await getVersion(db, tenantId, flowId, 1)).document).toEqual(v1.document);
    expect((await getLiveVersion(db, tenantId, flowId))?.number).toBe(2);
  });

  it('two publishers click Publish at the same moment: versions N+1 and N+2, no duplicate, no gap', async () => {
    const { db, tenantId, userId, flowId } = await flowWith(validFlow);
    await publishFlow(db, tenantId, flowId, { actorId: userId }); // N = 1

    const both = await Promise.all([
      publishFlow(db, tenantId, flowId, { actorId: userId, note: 'a' }),
      publishFlow(db, tenantId, flowId, { actorId: userId, note: 'b' }),
    ]);
    expect(both.map((v) => v.number).sort()).toEqual([2, 3]);

    const many = await Promise.all(
      [1, 2, 3, 4, 5].map(() => publishFlow(db, tenantId, flowId, { actorId: userId })),
    );
    expect(many.map((v) => v.number).sort((a, b) => a - b)).toEqual([4, 5, 6, 7, 8]);
    expect((await listVersions(db, tenantId, flowId)).map((v) => v.number)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    expect((await getFlow(db, tenantId, flowId)).liveVersion).toBe(8);
  });
});

describe('published versions are immutable in the database', () => {
  it('a raw UPDATE, DELETE or TRUNCATE of flow_versions is refused by the trigger', async () => {
    const { db, tenantId, userId, flowId } = await flowWith(validFlow);
    const v1 = await publishFlow(db, tenantId, flowId, { actorId: userId, note: 'original' });

    expect(
      await databaseFailure(
        db.execute(sql`update flow_versions set note = 'tampered' where flow_id = ${flowId}`),
      ),
    ).toMatch(/flow_versions is append-only: UPDATE refused/);
    expect(
      await databaseFailure(
        db.update(flowVersions).set({ hash: 'x' }).where(eq(flowVersions.flowId, flowId)),
      ),
    ).toMatch(/append-only/);
    expect(
      await databaseFailure(db.execute(sql`delete from flow_versions where flow_id = ${flowId}`)),
    ).toMatch(/flow_versions is append-only: DELETE refused/);
    expect(await databaseFailure(db.execute(sql`truncate flow_versions cascade`))).toMatch(
      /append-only: TRUNCATE refused/,
    );

    expect(await getVersion(db, tenantId, flowId, 1)).toEqual(v1);
  });

  it('the audit log cannot be edited either', async () => {
    const { db, tenantId, userId, flowId } = await flowWith(validFlow);
    await publishFlow(db, tenantId, flowId, { actorId: userId });
    expect(
      await databaseFailure(db.execute(sql`delete from audit_log where tenant_id = ${tenantId}`)),
    ).toMatch(/audit_log is append-only/);
  });

  it('the live version must be a published one', async () => {
    const { db, flowId } = await flowWith(validFlow);
    expect(
      await databaseFailure(db.execute(sql`update flows set live_version = 7 where id = ${flowId}`)),
    ).toMatch(/flows_live_version_fk/);
  });
});

describe('rolling back', () => {
  it('an admin rolls back to version 1: it is live again, and the rollback is audited', async () => {
    const { db, tenantId, userId, flowId } = await flowWith(validFlow);
    await publishFlow(db, tenantId, flowId, { actorId: userId });
    await publishFlow(db, tenantId, flowId, { actorId: userId });

    const live = await rollbackFlow(db, tenantId, flowId, 1, userId);
    expect(live.number).toBe(1);
    expect((await getFlow(db, tenantId, flowId)).liveVersion).toBe(1);
    expect((await getLiveVersion(db, tenantId, flowId))?.number).toBe(1);
    const [entry] = await listAudit(db, tenantId, { subjectId: flowId });
    expect(entry).toMatchObject({
      action: 'flow.rollback',
      actorId: userId,
      details: { version: 1, previous: 2 },
    });
    expect((await listVersions(db, tenantId, flowId)).map((v) => v.number)).toEqual([2, 1]);
  });

  it('rolling back to a version that does not exist is NotFoundError and changes nothing', async () => {
    const { db, tenantId, userId, flowId } = await flowWith(validFlow);
    await publishFlow(db, tenantId, flowId, { actorId: userId });
    const auditBefore = await listAudit(db, tenantId);
    await expect(rollbackFlow(db, tenantId, flowId, 9, userId)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getFlow(db, tenantId, flowId)).liveVersion).toBe(1);
    expect(await listAudit(db, tenantId)).toEqual(auditBefore);
  });
});
