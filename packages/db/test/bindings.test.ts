import { describe, expect, it } from 'vitest';
import {
  bindAddress,
  ConflictError,
  createFlow,
  listAudit,
  listBindings,
  NotFoundError,
  publishFlow,
  resolveBinding,
  unbindAddress,
  ValidationError,
} from '../src';
import { useTestDatabase } from './support/database';
import { newTenant, validFlow } from './support/fixtures';

const database = useTestDatabase();

async function tenantWithFlow(label: string) {
  const { db } = database;
  const t = await newTenant(db, label);
  const flow = await createFlow(db, t.tenantId, { name: 'Main line', document: validFlow }, t.userId);
  return { ...t, flowId: flow.id };
}

describe('routing an incoming call by the number dialled', () => {
  it('a caller dials a bound number: the runtime finds the tenant, the flow and its live version', async () => {
    const { db } = database;
    const a = await tenantWithFlow('a');
    await publishFlow(db, a.tenantId, a.flowId, { actorId: a.userId });
    await bindAddress(db, a.tenantId, { kind: 'e164', address: '+14255550111', flowId: a.flowId }, a.userId);

    expect(await resolveBinding(db, '+14255550111')).toMatchObject({
      tenantId: a.tenantId,
      flowId: a.flowId,
      kind: 'e164',
      liveVersion: 1,
    });
    expect(await resolveBinding(db, '+14255550199')).toBeNull();
    const [entry] = await listAudit(db, a.tenantId, { subjectType: 'binding' });
    expect(entry).toMatchObject({ action: 'binding.bind', details: { address: '+14255550111' } });
  });

  it('a Teams resource account routes the same way, whatever the case of its address', async () => {
    const { db } = database;
    const a = await tenantWithFlow('ra');
    await bindAddress(
      db,
      a.tenantId,
      { kind: 'resourceAccount', address: 'IVR@Contoso.com', flowId: a.flowId },
      a.userId,
    );
    expect(await resolveBinding(db, 'ivr@contoso.com')).toMatchObject({
      tenantId: a.tenantId,
      kind: 'resourceAccount',
      liveVersion: null,
    });
  });

  it('a number routes to exactly one tenant: a second tenant cannot take it', async () => {
    const { db } = database;
    const a = await tenantWithFlow('a');
    const b = await tenantWithFlow('b');
    await bindAddress(db, a.tenantId, { kind: 'e164', address: '+14255550122', flowId: a.flowId }, a.userId);

    await expect(
      bindAddress(db, b.tenantId, { kind: 'e164', address: '+14255550122', flowId: b.flowId }, b.userId),
    ).rejects.toBeInstanceOf(ConflictError);
    expect((await resolveBinding(db, '+14255550122'))?.tenantId).toBe(a.tenantId);
    expect(await listBindings(db, b.tenantId)).toEqual([]);
  });

  it('the owner re-points its number to another of its flows', async () => {
    const { db } = database;
    const a = await tenantWithFlow('a');
    const other = await createFlow(db, a.tenantId, { name: 'After hours', document: validFlow }, a.userId);
    const first = await bindAddress(
      db,
      a.tenantId,
      { kind: 'e164', address: '+14255550133', flowId: a.flowId },
      a.userId,
    );
    const again = await bindAddress(
      db,
      a.tenantId,
      { kind: 'e164', address: '+14255550133', flowId: other.id },
      a.userId,
    );
    expect(again.id).toBe(first.id);
    expect((await resolveBinding(db, '+14255550133'))?.flowId).toBe(other.id);
  });

  it('a number not in E.164 is refused with an invalid-phone-number problem', async () => {
    const { db } = database;
    const a = await tenantWithFlow('a');
    const error = await bindAddress(
      db,
      a.tenantId,
      { kind: 'e164', address: '425-555-0100', flowId: a.flowId },
      a.userId,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems[0]?.code).toBe('invalid-phone-number');
  });

  it('after unbinding, the number finds no flow; another tenant cannot unbind it', async () => {
    const { db } = database;
    const a = await tenantWithFlow('a');
    const b = await tenantWithFlow('b');
    const binding = await bindAddress(
      db,
      a.tenantId,
      { kind: 'e164', address: '+14255550144', flowId: a.flowId },
      a.userId,
    );

    await expect(unbindAddress(db, b.tenantId, binding.id, b.userId)).rejects.toBeInstanceOf(NotFoundError);
    expect(await resolveBinding(db, '+14255550144')).not.toBeNull();
    await unbindAddress(db, a.tenantId, binding.id, a.userId);
    expect(await resolveBinding(db, '+14255550144')).toBeNull();
    expect((await listAudit(db, a.tenantId, { subjectId: binding.id }))[0]?.action).toBe('binding.unbind');
  });
});
