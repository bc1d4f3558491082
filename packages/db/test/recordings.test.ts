import { describe, expect, it } from 'vitest';
import {
  createAgent,
  createQueue,
  getAgent,
  getCallRecording,
  listAgents,
  listCallRecordings,
  NotFoundError,
  queueAgents,
  startCall,
  storeCallRecording,
  updateAgent,
  ValidationError,
} from '../src';
import { useTestDatabase } from './support/database';
import { newTenant, publishedFlow } from './support/fixtures';

const database = useTestDatabase();

/** A WAV-like file with every byte value, zeros and a trailing 0xff included, so any mangling shows. */
function audio(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set([0x52, 0x49, 0x46, 0x46]);
  for (let i = 4; i < size; i++) bytes[i] = (i * 7) % 256;
  bytes[size - 1] = 0xff;
  return bytes;
}

async function refusedField(work: Promise<unknown>): Promise<string | undefined> {
  const error = await work.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).problems[0]?.field;
}

describe('voicemail recordings', () => {
  it('two callers leave messages: listed newest first with their calls, and the audio comes back byte for byte', async () => {
    const { db } = database;
    const { tenantId, flowId } = await publishedFlow(database.db);
    const call = (caller: string) =>
      startCall(db, tenantId, { flowId, version: 1, channel: 'sip', caller, called: '+14255550100' });
    const first = await call('+447700900123');
    const second = await call('+447700900456');
    const long = audio(160_044);
    const short = audio(1_000);

    const a = await storeCallRecording(db, tenantId, {
      callId: first.id,
      nodeId: 'voicemail',
      contentType: 'audio/wav',
      bytes: long,
      durationMs: 10_000,
      endedBy: 'key',
    });
    const b = await storeCallRecording(db, tenantId, {
      callId: second.id,
      nodeId: null,
      contentType: 'audio/wav',
      bytes: short,
      durationMs: 62,
      endedBy: 'hangup',
    });

    const listed = await listCallRecordings(db, tenantId);
    expect(listed.map((r) => r.id)).toEqual([b.id, a.id]);
    expect(listed[1]).toEqual({
      id: a.id,
      callId: first.id,
      nodeId: 'voicemail',
      contentType: 'audio/wav',
      durationMs: 10_000,
      endedBy: 'key',
      createdAt: expect.any(Date),
      caller: '+447700900123',
      called: '+14255550100',
      flowId,
    });
    expect(listed[0]).not.toHaveProperty('bytes');
    expect((await listCallRecordings(db, tenantId, { callId: first.id })).map((r) => r.id)).toEqual([a.id]);
    expect(await listCallRecordings(db, tenantId, { limit: 1 })).toHaveLength(1);

    const played = await getCallRecording(db, tenantId, a.id);
    expect(played).toMatchObject({ id: a.id, caller: '+447700900123', endedBy: 'key' });
    expect(played?.bytes).toBeInstanceOf(Uint8Array);
    expect(played?.bytes.byteLength).toBe(long.byteLength);
    expect(Buffer.from(played!.bytes).equals(Buffer.from(long))).toBe(true);
    expect(Buffer.from((await getCallRecording(db, tenantId, b.id))!.bytes).equals(Buffer.from(short))).toBe(
      true,
    );
  });

  it('another tenant finds no recording and cannot file one under a call of someone else', async () => {
    const { db } = database;
    const owner = await publishedFlow(database.db);
    const other = await newTenant(db, 'other');
    const call = await startCall(db, owner.tenantId, {
      flowId: owner.flowId,
      version: 1,
      channel: 'sip',
      caller: '+447700900123',
      called: '+14255550100',
    });
    const input = {
      callId: call.id,
      nodeId: 'voicemail',
      contentType: 'audio/wav',
      bytes: audio(100),
      durationMs: 5,
      endedBy: 'silence',
    };
    const stored = await storeCallRecording(db, owner.tenantId, input);

    expect(await listCallRecordings(db, other.tenantId)).toEqual([]);
    expect(await getCallRecording(db, other.tenantId, stored.id)).toBeNull();
    expect(await getCallRecording(db, owner.tenantId, 'not-a-uuid')).toBeNull();
    await expect(storeCallRecording(db, other.tenantId, input)).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      storeCallRecording(db, owner.tenantId, { ...input, callId: crypto.randomUUID() }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('bad input is refused naming the field', async () => {
    const { db } = database;
    const { tenantId, flowId } = await publishedFlow(database.db);
    const call = await startCall(db, tenantId, {
      flowId,
      version: 1,
      channel: 'sip',
      caller: '+447700900123',
      called: '+14255550100',
    });
    const good = {
      callId: call.id,
      nodeId: 'voicemail',
      contentType: 'audio/wav',
      bytes: audio(10),
      durationMs: 5,
      endedBy: 'max-length',
    };
    expect(await refusedField(storeCallRecording(db, tenantId, { ...good, endedBy: 'stopped' }))).toBe(
      'endedBy',
    );
    expect(await refusedField(storeCallRecording(db, tenantId, { ...good, contentType: 'text/plain' }))).toBe(
      'contentType',
    );
    expect(await refusedField(storeCallRecording(db, tenantId, { ...good, durationMs: -1 }))).toBe(
      'durationMs',
    );
    expect(await listCallRecordings(db, tenantId)).toEqual([]);
  });
});

describe('agents reachable over Direct Routing', () => {
  it('an agent gets a phone number to ring; the queue hands it to the runtime, and it can be changed or cleared', async () => {
    const { db } = database;
    const { tenantId } = await newTenant(db);
    const queue = await createQueue(db, tenantId, { name: 'Reception' });
    const ana = await createAgent(db, tenantId, {
      teamsUserId: 'ana@contoso.com',
      displayName: 'Ana',
      sipTarget: '+14255550123',
    });
    const bo = await createAgent(db, tenantId, { teamsUserId: 'bo@contoso.com', displayName: 'Bo' });
    expect(ana.sipTarget).toBe('+14255550123');
    expect(bo.sipTarget).toBeNull();

    expect((await queueAgents(db, tenantId, queue.id)).map((a) => [a.displayName, a.sipTarget])).toEqual([
      ['Ana', '+14255550123'],
      ['Bo', null],
    ]);

    expect(await updateAgent(db, tenantId, bo.id, { sipTarget: 'sips:bo@contoso.com' })).toMatchObject({
      displayName: 'Bo',
      sipTarget: 'sips:bo@contoso.com',
    });
    expect(await updateAgent(db, tenantId, ana.id, { sipTarget: '' })).toMatchObject({ sipTarget: null });
    expect(await updateAgent(db, tenantId, ana.id, { displayName: 'Ana Silva' })).toMatchObject({
      displayName: 'Ana Silva',
      sipTarget: null,
    });
    expect((await listAgents(db, tenantId)).map((a) => a.sipTarget)).toEqual([null, 'sips:bo@contoso.com']);
  });

  it('a target that is neither E.164 nor a SIP URI is refused naming sipTarget', async () => {
    const { db } = database;
    const { tenantId } = await newTenant(db);
    const other = await newTenant(db, 'other');
    for (const sipTarget of ['4255550123', 'tel:+14255550123', 'ana@contoso.com', 'sip:contoso.com']) {
      const error = await createAgent(db, tenantId, {
        teamsUserId: 'ana@contoso.com',
        displayName: 'Ana',
        sipTarget,
      }).catch((e: unknown) => e);
      expect(error, sipTarget).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).problems[0]).toMatchObject({
        field: 'sipTarget',
        message: expect.stringContaining('E.164'),
      });
    }
    const ana = await createAgent(db, tenantId, { teamsUserId: 'ana@contoso.com', displayName: 'Ana' });
    expect(await refusedField(updateAgent(db, tenantId, ana.id, { sipTarget: '+0123' }))).toBe('sipTarget');
    await expect(
      updateAgent(db, other.tenantId, ana.id, { sipTarget: '+14255550123' }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect((await getAgent(db, tenantId, ana.id)).sipTarget).toBeNull();
  });
});
