import { createFlow, findSipTrunk, publishFlow, startCall, storeCallRecording } from '@parley/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { starterDocument } from '../../src/server/flow-documents';
import { recordingAudio } from '../../src/server/recording-audio';
import { openWorld, type World } from './support';

let world: World;
let tenantId: string;
let flowId: string;

beforeAll(async () => {
  world = await openWorld();
  tenantId = world.acme.id;
  const admin = world.acme.users.admin.id;
  const flow = await createFlow(
    db(),
    tenantId,
    { name: 'Main line', document: starterDocument('Main line') },
    admin,
  );
  await publishFlow(db(), tenantId, flow.id, { actorId: admin });
  flowId = flow.id;
});

afterAll(async () => {
  await world?.database.close();
});

const db = () => world.db;

/** The fields a refused call's problems name. */
async function refusedFields(
  call: Promise<unknown>,
): Promise<{ code: string; fields: (string | undefined)[] }> {
  const error = (await call.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e,
  )) as { code: string; cause?: { problems?: { field?: string }[] } };
  return { code: error.code, fields: (error.cause?.problems ?? []).map((p) => p.field) };
}

describe('SIP trunks on the Numbers page', () => {
  it('an admin adds the SBC, corrects its address, and deletes it; a typo is refused naming the field', async () => {
    const ada = world.as(world.acme.users.admin);

    expect(
      await refusedFields(
        ada.trunks.create({ tenantId, name: 'Contoso SBC', addresses: ['203.0.113.10', '203.0.113.999'] }),
      ),
    ).toEqual({ code: 'BAD_REQUEST', fields: ['addresses.1'] });
    expect(
      await refusedFields(ada.trunks.create({ tenantId, name: 'Contoso SBC', fqdn: 'sbc', addresses: [] })),
    ).toEqual({ code: 'BAD_REQUEST', fields: ['fqdn'] });

    const trunk = await ada.trunks.create({
      tenantId,
      name: 'Contoso SBC',
      fqdn: 'Acme.SBC.Contoso.com',
      addresses: ['203.0.113.10'],
    });
    expect(trunk).toMatchObject({ fqdn: 'acme.sbc.contoso.com', addresses: ['203.0.113.10'] });

    const fixed = await ada.trunks.update({ tenantId, trunkId: trunk.id, addresses: ['203.0.113.11'] });
    expect(fixed).toMatchObject({
      name: 'Contoso SBC',
      fqdn: 'acme.sbc.contoso.com',
      addresses: ['203.0.113.11'],
    });
    expect(await findSipTrunk(db(), { address: '203.0.113.11', hosts: [] })).toMatchObject({ tenantId });

    // What the designer's pages show, for every role.
    expect(await world.as(world.acme.users.analyst).trunks.list({ tenantId })).toEqual([fixed]);

    await ada.trunks.delete({ tenantId, trunkId: trunk.id });
    expect(await ada.trunks.list({ tenantId })).toEqual([]);
    expect(await findSipTrunk(db(), { address: '203.0.113.11', hosts: [] })).toBeNull();
  });

  it('the FQDN another customer of the SBC uses is refused with CONFLICT', async () => {
    const gus = world.as(world.globex.admin);
    await gus.trunks.create({
      tenantId: world.globex.id,
      name: 'Hosted SBC',
      fqdn: 'globex.sbc.contoso.com',
      addresses: [],
    });
    const taken = await world
      .as(world.acme.users.admin)
      .trunks.create({ tenantId, name: 'Hosted SBC', fqdn: 'GLOBEX.sbc.contoso.com', addresses: [] })
      .catch((e: unknown) => e);
    expect(taken).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('globex.sbc.contoso.com is the FQDN of another trunk'),
    });
  });
});

describe('agents rung over Direct Routing', () => {
  it('a designer gives an agent a number, changes it to a SIP URI, and a bad one names sipTarget', async () => {
    const dee = world.as(world.acme.users.designer);
    const agent = await dee.agents.create({
      tenantId,
      teamsUserId: 'ana@acme.test',
      displayName: 'Ana',
      sipTarget: '+14255550123',
    });
    expect(agent.sipTarget).toBe('+14255550123');

    expect(
      await refusedFields(dee.agents.update({ tenantId, agentId: agent.id, sipTarget: '555-0123' })),
    ).toEqual({
      code: 'BAD_REQUEST',
      fields: ['sipTarget'],
    });
    expect(
      await refusedFields(
        dee.agents.create({ tenantId, teamsUserId: 'bo@acme.test', displayName: 'Bo', sipTarget: 'bo@acme' }),
      ),
    ).toEqual({ code: 'BAD_REQUEST', fields: ['sipTarget'] });

    await dee.agents.update({ tenantId, agentId: agent.id, sipTarget: 'sip:ana@acme.test' });
    const listed = await world.as(world.acme.users.analyst).agents.list({ tenantId });
    expect(listed.map((a) => [a.displayName, a.sipTarget])).toEqual([['Ana', 'sip:ana@acme.test']]);
    await dee.agents.update({ tenantId, agentId: agent.id, sipTarget: null });
    expect((await dee.agents.get({ tenantId, agentId: agent.id })).sipTarget).toBeNull();
  });
});

describe('the Voicemail page', () => {
  /** A message left in a call from `caller`. */
  async function message(caller: string, bytes: Uint8Array) {
    const call = await startCall(db(), tenantId, {
      flowId,
      version: 1,
      channel: 'sip',
      caller,
      called: '+14255550100',
    });
    return storeCallRecording(db(), tenantId, {
      callId: call.id,
      nodeId: 'voicemail',
      contentType: 'audio/wav',
      bytes,
      durationMs: 4200,
      endedBy: 'silence',
    });
  }

  const wav = new Uint8Array(Array.from({ length: 2048 }, (_, i) => (i * 31) % 256));
  const audioUrl = (recordingId: string, tenant = tenantId) =>
    `http://localhost/api/recordings/${recordingId}/audio?tenantId=${tenant}`;

  it('an analyst lists the messages newest first and plays one; other people get nothing', async () => {
    const first = await message('+447700900123', wav);
    const second = await message('+447700900456', new Uint8Array([9, 9, 9]));
    const ann = world.acme.users.analyst;

    const listed = await world.as(ann).recordings.list({ tenantId });
    expect(listed.map((r) => r.id)).toEqual([second.id, first.id]);
    expect(listed[1]).toMatchObject({
      caller: '+447700900123',
      called: '+14255550100',
      flowId,
      durationMs: 4200,
      endedBy: 'silence',
    });
    expect(listed[1]).not.toHaveProperty('bytes');

    const played = await recordingAudio(db(), ann.id, new Request(audioUrl(first.id)), first.id);
    expect(played.status).toBe(200);
    expect(played.headers.get('content-type')).toBe('audio/wav');
    expect(Buffer.from(await played.arrayBuffer()).equals(Buffer.from(wav))).toBe(true);

    // A player seeking asks for a range.
    const seeked = await recordingAudio(
      db(),
      ann.id,
      new Request(audioUrl(first.id), { headers: { range: 'bytes=1000-' } }),
      first.id,
    );
    expect(seeked.status).toBe(206);
    expect(seeked.headers.get('content-range')).toBe('bytes 1000-2047/2048');
    expect(Buffer.from(await seeked.arrayBuffer()).equals(Buffer.from(wav.subarray(1000)))).toBe(true);
    const past = await recordingAudio(
      db(),
      ann.id,
      new Request(audioUrl(first.id), { headers: { range: 'bytes=5000-' } }),
      first.id,
    );
    expect(past.status).toBe(416);

    // Nobody signed in, a malformed id, another tenant's admin (through either tenant): no audio.
    expect((await recordingAudio(db(), null, new Request(audioUrl(first.id)), first.id)).status).toBe(401);
    expect((await recordingAudio(db(), ann.id, new Request(audioUrl('nope')), 'nope')).status).toBe(400);
    const gus = world.globex.admin.id;
    expect((await recordingAudio(db(), gus, new Request(audioUrl(first.id)), first.id)).status).toBe(404);
    expect(
      (await recordingAudio(db(), gus, new Request(audioUrl(first.id, world.globex.id)), first.id)).status,
    ).toBe(404);
    expect(await world.as(world.globex.admin).recordings.list({ tenantId: world.globex.id })).toEqual([]);
  });
});
