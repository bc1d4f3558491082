import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  appendCallEvents,
  bindAddress,
  ConflictError,
  createFlow,
  findCallByExternalId,
  getCall,
  getCompiledVersion,
  listCallEvents,
  NotFoundError,
  publishFlow,
  rollbackFlow,
  routeAddress,
  routingGeneration,
  type StoredItem,
  type StoredRecord,
  saveDraft,
  startCall,
  storeCallItems,
  unbindAddress,
  ValidationError,
} from '../src';
import { useTestDatabase } from './support/database';
import { invalidFlow, newTenant, publishedFlow, validFlow } from './support/fixtures';

const database = useTestDatabase();

/** A live call as the runtime starts one: its own call id, and the telephony's id. */
async function liveCall(externalId = `graph-${randomUUID()}`) {
  const t = await publishedFlow(database.db);
  const call = await startCall(database.db, t.tenantId, {
    id: randomUUID(),
    externalId,
    flowId: t.flowId,
    version: 1,
    channel: 'graph',
    caller: '+447700900123',
    called: '+14255550100',
  });
  const at = (seq: number) => new Date(Date.UTC(2026, 0, 5, 9, 0, seq)).toISOString();
  /** The engine's record number `seq` of this call. */
  const record = (seq: number, type: string, data: Record<string, unknown> = {}): StoredItem => {
    const r: StoredRecord = {
      tenantId: t.tenantId,
      callId: call.id,
      flowId: t.flowId,
      version: 1,
      seq,
      at: at(seq),
      type,
      nodeId: 'mainMenu',
      data,
    };
    return { kind: 'record', record: r };
  };
  /** The engine's checkpoint after record `seq`. */
  const checkpoint = (seq: number): StoredItem => {
    // Shaped like the engine's CallCheckpoint; the store reads only its seq.
    const engineCheckpoint = {
      seq,
      actor: { value: `after-${seq}` },
      nodeId: 'mainMenu',
      timers: [],
      done: false,
    };
    return { kind: 'checkpoint', tenantId: t.tenantId, callId: call.id, checkpoint: engineCheckpoint };
  };
  return { ...t, call, record, checkpoint, at };
}

describe('the runtime writing a live call', () => {
  it('a batch of records is stored; the same batch again, or an old one late, changes nothing', async () => {
    const { db } = database;
    const { tenantId, call, record, checkpoint } = await liveCall();
    const first = [
      record(1, 'call.started'),
      record(2, 'node.entered'),
      checkpoint(2),
      record(3, 'digits.received', { digits: '1' }),
      checkpoint(3),
    ];
    await storeCallItems(db, first);
    await storeCallItems(db, first); // the sink retrying a batch whose commit it did not hear about
    await storeCallItems(db, [record(4, 'node.left'), record(4, 'node.left'), checkpoint(4)]);
    await storeCallItems(db, first); // a late retry of the first batch
    await storeCallItems(db, [checkpoint(3)]);

    const events = await listCallEvents(db, tenantId, call.id);
    expect(events.map((e) => [e.seq, e.type])).toEqual([
      [1, 'call.started'],
      [2, 'node.entered'],
      [3, 'digits.received'],
      [4, 'node.left'],
    ]);
    expect(events[2]).toMatchObject({ data: { digits: '1' }, nodeId: 'mainMenu' });
    expect(events[0]?.at.toISOString()).toBe('2026-01-05T09:00:01.000Z');
    const stored = await getCall(db, tenantId, call.id);
    expect(stored).toMatchObject({ lastSeq: 4, checkpointSeq: 4, endedAt: null });
    expect(stored.checkpoint).toMatchObject({ seq: 4, actor: { value: 'after-4' } });

    // The older event path carries on after the engine's numbers.
    const [appended] = await appendCallEvents(db, tenantId, call.id, [{ type: 'note' }]);
    expect(appended?.seq).toBe(5);
  });

  it('a record for a call that does not exist fails the whole batch, naming the call', async () => {
    const { db } = database;
    const { tenantId, call, record, checkpoint } = await liveCall();
    const stranger = randomUUID();
    const unknown: StoredItem = {
      kind: 'record',
      record: { ...(record(2, 'node.entered') as { record: StoredRecord }).record, callId: stranger },
    };
    const failure = await storeCallItems(db, [record(1, 'call.started'), checkpoint(1), unknown]).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(NotFoundError);
    expect((failure as Error).message).toContain(stranger);
    expect(await listCallEvents(db, tenantId, call.id)).toEqual([]);
    expect(await getCall(db, tenantId, call.id)).toMatchObject({ lastSeq: 0, checkpoint: null });

    // The right call id under another tenant is no better.
    const other = await newTenant(db, 'other');
    const elsewhere = (record(1, 'call.started') as { record: StoredRecord }).record;
    await expect(
      storeCallItems(db, [{ kind: 'record', record: { ...elsewhere, tenantId: other.tenantId } }]),
    ).rejects.toThrow(call.id);
    await expect(
      storeCallItems(db, [{ kind: 'record', record: { ...elsewhere, seq: 0 } }]),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('the caller hangs up: call.ended fills in the summary, once', async () => {
    const { db } = database;
    const { tenantId, call, record, checkpoint, at } = await liveCall();
    await storeCallItems(db, [
      record(1, 'call.started'),
      record(2, 'call.ended', { by: 'caller', state: '$callerHungUp' }),
      checkpoint(2),
    ]);
    await storeCallItems(db, [record(3, 'call.ended', { by: 'error' })]);

    expect(await getCall(db, tenantId, call.id)).toMatchObject({
      endedAt: new Date(at(2)),
      outcome: '$callerHungUp',
      endedBy: 'caller',
      lastSeq: 3,
    });
  });
});

describe('the runtime finding a call again after a restart', () => {
  it('the next Graph notification names the call by its Graph id: the call, its checkpoint and machine', async () => {
    const { db } = database;
    const externalId = `graph-${randomUUID()}`;
    const { tenantId, flowId, call, record, checkpoint } = await liveCall(externalId);
    await storeCallItems(db, [record(1, 'call.started'), checkpoint(1)]);

    const found = await findCallByExternalId(db, 'graph', externalId);
    expect(found?.call).toMatchObject({ id: call.id, tenantId, flowId, externalId, checkpointSeq: 1 });
    expect(found?.call.checkpoint).toMatchObject({ seq: 1 });
    expect(found?.version.number).toBe(1);
    expect(found?.version.compiled).toEqual(await getCompiledVersion(db, tenantId, flowId, 1));
    expect(await findCallByExternalId(db, 'sip', externalId)).toBeNull();
    expect(await findCallByExternalId(db, 'graph', 'no-such-call')).toBeNull();

    const again = { flowId, version: 1, channel: 'graph', caller: 'a', called: 'b' };
    await expect(startCall(db, tenantId, { ...again, externalId })).rejects.toBeInstanceOf(ConflictError);
    await expect(startCall(db, tenantId, { ...again, id: call.id })).rejects.toThrow(
      `call ${call.id} exists`,
    );
    // The same id on another channel is another call.
    expect(await startCall(db, tenantId, { ...again, channel: 'sip', externalId })).toMatchObject({
      channel: 'sip',
      externalId,
    });
  });
});

describe('routing an incoming call to a live version', () => {
  it('a bound number routes to its live version’s machine; publishing, rolling back and binding move the generation', async () => {
    const { db } = database;
    const t = await newTenant(db);
    const number = '+14255550142';
    const flow = await createFlow(db, t.tenantId, { name: 'Main line', document: validFlow }, t.userId);
    const generations = [await routingGeneration(db)];
    const moved = async () => {
      generations.push(await routingGeneration(db));
      return generations.at(-1) !== generations.at(-2);
    };

    expect(await routeAddress(db, number)).toBeNull();
    const binding = await bindAddress(
      db,
      t.tenantId,
      { kind: 'e164', address: number, flowId: flow.id },
      t.userId,
    );
    expect(await moved()).toBe(true);
    expect(await routeAddress(db, number)).toBeNull(); // bound, but never published

    await publishFlow(db, t.tenantId, flow.id, { actorId: t.userId });
    expect(await moved()).toBe(true);
    await saveDraft(db, t.tenantId, flow.id, { ...validFlow, name: 'Main line v2' }, 1, t.userId);
    await publishFlow(db, t.tenantId, flow.id, { actorId: t.userId });
    expect(await moved()).toBe(true);
    const v2 = await routeAddress(db, number);
    expect(v2).toMatchObject({ tenantId: t.tenantId, flowId: flow.id, bindingId: binding.id, version: 2 });
    expect(v2?.compiled).toEqual(await getCompiledVersion(db, t.tenantId, flow.id, 2));

    await rollbackFlow(db, t.tenantId, flow.id, 1, t.userId);
    expect(await moved()).toBe(true);
    expect((await routeAddress(db, number))?.version).toBe(1);

    // A publish that fails changes nothing, so caches stay.
    await saveDraft(db, t.tenantId, flow.id, invalidFlow, 2, t.userId);
    await expect(publishFlow(db, t.tenantId, flow.id, { actorId: t.userId })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(await moved()).toBe(false);

    await unbindAddress(db, t.tenantId, binding.id, t.userId);
    expect(await moved()).toBe(true);
    expect(await routeAddress(db, number)).toBeNull();
    await expect(getCompiledVersion(db, t.tenantId, flow.id, 9)).rejects.toBeInstanceOf(NotFoundError);
  });
});
