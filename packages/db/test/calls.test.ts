import { describe, expect, it } from 'vitest';
import {
  appendCallEvents,
  ConflictError,
  endCall,
  getCall,
  listCallEvents,
  listCalls,
  NotFoundError,
  saveCheckpoint,
  startCall,
} from '../src';
import { useTestDatabase } from './support/database';
import { newTenant, publishedFlow } from './support/fixtures';

const database = useTestDatabase();

describe('recording a call', () => {
  it('a caller presses 1 for sales and hangs up: the call and its events are kept in order', async () => {
    const { db } = database;
    const { tenantId, flowId } = await publishedFlow(database.db);
    const call = await startCall(db, tenantId, {
      flowId,
      version: 1,
      channel: 'pstn',
      caller: '+447700900123',
      called: '+14255550100',
    });

    await appendCallEvents(db, tenantId, call.id, [
      { type: 'node.enter', nodeId: 'start' },
      { type: 'node.enter', nodeId: 'mainMenu' },
    ]);
    await appendCallEvents(db, tenantId, call.id, [
      { type: 'digits', nodeId: 'mainMenu', data: { digits: '1' } },
    ]);
    await saveCheckpoint(db, tenantId, call.id, { value: 'sales', context: { digits: '1' } });
    const ended = await endCall(db, tenantId, call.id, { outcome: 'sales' });

    expect(ended.outcome).toBe('sales');
    expect(ended.endedAt).toBeInstanceOf(Date);
    expect((await getCall(db, tenantId, call.id)).checkpoint).toEqual({
      value: 'sales',
      context: { digits: '1' },
    });
    const events = await listCallEvents(db, tenantId, call.id);
    expect(events.map((e) => [e.seq, e.type, e.nodeId])).toEqual([
      [1, 'node.enter', 'start'],
      [2, 'node.enter', 'mainMenu'],
      [3, 'digits', 'mainMenu'],
    ]);
    expect(events[2]?.data).toEqual({ digits: '1' });
    expect((await listCalls(db, tenantId, { flowId })).map((c) => c.id)).toEqual([call.id]);
    await expect(endCall(db, tenantId, call.id, { outcome: 'again' })).rejects.toBeInstanceOf(ConflictError);
  });

  it('events appended concurrently still number 1..n without gaps or duplicates', async () => {
    const { db } = database;
    const { tenantId, flowId } = await publishedFlow(database.db);
    const call = await startCall(db, tenantId, {
      flowId,
      version: 1,
      channel: 'sim',
      caller: 'sim',
      called: 'sim',
    });
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        appendCallEvents(db, tenantId, call.id, [{ type: `a${i}` }, { type: `b${i}` }]),
      ),
    );
    expect((await listCallEvents(db, tenantId, call.id)).map((e) => e.seq)).toEqual(
      Array.from({ length: 16 }, (_, i) => i + 1),
    );
  });

  it('a call must run a published version, and another tenant sees none of it', async () => {
    const { db } = database;
    const { tenantId, flowId } = await publishedFlow(database.db);
    const other = await newTenant(db, 'other');
    await expect(
      startCall(db, tenantId, { flowId, version: 2, channel: 'pstn', caller: 'a', called: 'b' }),
    ).rejects.toBeInstanceOf(NotFoundError);
    const call = await startCall(db, tenantId, {
      flowId,
      version: 1,
      channel: 'pstn',
      caller: 'a',
      called: 'b',
    });

    await expect(appendCallEvents(db, other.tenantId, call.id, [{ type: 'x' }])).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(endCall(db, other.tenantId, call.id, { outcome: 'x' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(await listCallEvents(db, other.tenantId, call.id)).toEqual([]);
    expect(await listCalls(db, other.tenantId)).toEqual([]);
  });
});
