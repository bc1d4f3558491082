import { readFileSync } from 'node:fs';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../src/server/routers';
import { openWorld, type World } from './support';

/** The example file, typed just enough to edit it. */
interface MenuDocument {
  [key: string]: unknown;
  name: string;
  nodes: { id: string; data: Record<string, unknown> }[];
  edges: { id: string }[];
}

const simpleMenu = JSON.parse(
  readFileSync(
    new URL('../../../../packages/flow-schema/examples/simple-menu.json', import.meta.url),
    'utf8',
  ),
) as MenuDocument;

/** The menu as a designer might leave it mid-edit: option 2 wired nowhere. */
const brokenMenu = { ...simpleMenu, edges: simpleMenu.edges.filter((e) => e.id !== 'e4') };

function reworded(text: string) {
  const doc = structuredClone(simpleMenu);
  doc.nodes.find((n) => n.id === 'welcome')!.data.prompt = { kind: 'tts', text };
  return doc;
}

/** What a browser gets back over HTTP: the error as the error formatter shaped it. */
async function overHttp(world: World, userId: string, path: string, input: unknown) {
  const response = await fetchRequestHandler({
    endpoint: '/api/trpc',
    req: new Request(`http://localhost/api/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(superjson.serialize(input)),
    }),
    router: appRouter,
    createContext: () => ({ db: world.db, userId }),
  });
  const body = (await response.json()) as { error?: Parameters<typeof superjson.deserialize>[0] };
  return {
    status: response.status,
    error: body.error
      ? superjson.deserialize<{
          message: string;
          data: { code: string; problems: unknown; conflict: unknown };
        }>(body.error)
      : null,
  };
}

let world: World;
let tenantId: string;

beforeAll(async () => {
  world = await openWorld();
  tenantId = world.acme.id;
});

afterAll(async () => {
  await world?.database.close();
});

describe('a flow from first draft to rollback', () => {
  it('designer drafts, a stale save is refused naming who saved, publisher publishes v1 and v2, diffs, rolls back', async () => {
    const { designer, publisher, analyst, admin } = world.acme.users;
    const dee = world.as(designer);
    const pat = world.as(publisher);
    const ann = world.as(analyst);

    // A new flow starts valid: a call comes in and is hung up.
    const flow = await dee.flows.create({ tenantId, name: 'Support line' });
    expect(flow.revision).toBe(1);
    expect((await ann.flows.validate({ tenantId, flowId: flow.id })).problems).toEqual([]);
    const flowId = flow.id;

    // Dee saves a half-wired menu…
    const saved = await dee.flows.saveDraft({ tenantId, flowId, document: brokenMenu, expectedRevision: 1 });
    expect(saved.revision).toBe(2);

    // …while Ada, who opened revision 1, saves hers: refused, and told who saved and which revision.
    const stale = await world
      .as(admin)
      .flows.saveDraft({ tenantId, flowId, document: simpleMenu, expectedRevision: 1 })
      .catch((e: unknown) => e);
    expect(stale).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Dee Designer saved "Support line"'),
    });
    const http = await overHttp(world, admin.id, 'flows.saveDraft', {
      tenantId,
      flowId,
      document: simpleMenu,
      expectedRevision: 1,
    });
    expect(http.status).toBe(409);
    expect(http.error?.data).toMatchObject({
      code: 'CONFLICT',
      conflict: { currentRevision: 2, updatedBy: { id: designer.id, name: 'Dee Designer' } },
    });

    // Publishing the half-wired menu is refused with the problem to fix.
    const refused = await overHttp(world, publisher.id, 'versions.publish', { tenantId, flowId });
    expect(refused.status).toBe(400);
    expect(refused.error?.data.problems).toEqual([
      expect.objectContaining({ nodeId: 'mainMenu', code: 'unwired-outcome', field: 'outcomes.2' }),
      expect.objectContaining({ nodeId: 'support', code: 'unreachable' }),
    ]);
    await expect(pat.versions.publish({ tenantId, flowId })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await ann.versions.list({ tenantId, flowId })).toEqual([]);

    // Fixed and published: version 1 is live.
    await dee.flows.saveDraft({ tenantId, flowId, document: simpleMenu, expectedRevision: 2 });
    const v1 = await pat.versions.publish({ tenantId, flowId, note: 'first menu', expectedRevision: 3 });
    expect(v1).toMatchObject({ number: 1, draftRevision: 3, note: 'first menu' });

    // A reworded welcome becomes version 2.
    await dee.flows.saveDraft({
      tenantId,
      flowId,
      document: reworded('Welcome to Fabrikam.'),
      expectedRevision: 3,
    });
    await expect(pat.versions.publish({ tenantId, flowId, expectedRevision: 3 })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const v2 = await pat.versions.publish({ tenantId, flowId, note: 'new name' });
    expect(v2.number).toBe(2);

    const diff = await ann.versions.diff({ tenantId, flowId, from: 1, to: 2 });
    expect(diff.diff.changed).toEqual([{ nodeId: 'welcome', fields: ['data.prompt.text'] }]);
    expect(diff.diff.added).toEqual([]);
    const toDraft = await ann.versions.diff({ tenantId, flowId, from: 2, to: 'draft' });
    expect(toDraft.diff.changed).toEqual([]);

    const current = await ann.flows.get({ tenantId, flowId });
    expect(current).toMatchObject({
      revision: 4,
      liveVersion: 2,
      live: { number: 2, note: 'new name' },
      latestVersion: 2,
      updatedBy: { name: 'Dee Designer' },
    });

    // Version 2 misbehaves on a live call: back to version 1.
    const back = await pat.versions.rollback({ tenantId, flowId, toVersion: 1 });
    expect(back.number).toBe(1);
    expect((await ann.flows.get({ tenantId, flowId })).liveVersion).toBe(1);
    expect(
      (await ann.versions.list({ tenantId, flowId })).map((v) => [v.number, v.publishedBy?.name]),
    ).toEqual([
      [2, 'Pat Publisher'],
      [1, 'Pat Publisher'],
    ]);

    const trail = await ann.audit.list({ tenantId, subjectType: 'flow', subjectId: flowId });
    expect(trail.map((a) => a.action)).toEqual([
      'flow.rollback',
      'flow.publish',
      'flow.publish',
      'flow.create',
    ]);
  });
});

describe('import and export', () => {
  it('an exported version imports as a new flow and exports again unchanged', async () => {
    const dee = world.as(world.acme.users.designer);
    const flow = await dee.flows.create({ tenantId, name: 'Sales line', document: simpleMenu });
    await world.as(world.acme.users.publisher).versions.publish({ tenantId, flowId: flow.id });

    const exported = await dee.flows.export({ tenantId, flowId: flow.id, version: 1 });
    expect(exported.fileName).toBe('sales-line.v1.parley.json');
    const imported = await dee.flows.import({
      tenantId,
      name: 'Sales line (imported)',
      document: JSON.stringify(exported.document),
    });
    expect(imported.problems).toEqual([]);
    const again = await dee.flows.export({ tenantId, flowId: imported.flow.id });
    expect(again.fileName).toBe('sales-line-imported.draft.parley.json');
    expect({ ...(again.document as object), name: '' }).toEqual({
      ...(exported.document as object),
      name: '',
    });
  });

  it('refuses text that is not JSON, and a document of the wrong shape, with problems', async () => {
    const dee = world.as(world.acme.users.designer);
    const notJson = await overHttp(world, world.acme.users.designer.id, 'flows.import', {
      tenantId,
      document: '{ "schemaVersion": 1, ',
    });
    expect(notJson.status).toBe(400);
    expect(notJson.error?.data.problems).toEqual([expect.objectContaining({ code: 'invalid-document' })]);
    await expect(
      dee.flows.import({ tenantId, document: { schemaVersion: 1, name: 'Odd', nodes: 'none' } }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      cause: { problems: [expect.objectContaining({ field: 'nodes' })] },
    });
  });

  it('imports an unfinished flow and says what is left to fix', async () => {
    const { flow, problems } = await world
      .as(world.acme.users.designer)
      .flows.import({ tenantId, name: 'Half menu', document: brokenMenu });
    expect(flow.name).toBe('Half menu');
    expect(problems.map((p) => [p.nodeId, p.code])).toEqual([
      ['mainMenu', 'unwired-outcome'],
      ['support', 'unreachable'],
    ]);
  });
});

describe('flows and people', () => {
  it('me lists the tenants a user works in with their roles', async () => {
    const me = await world.as(world.acme.users.publisher).me();
    expect(me.user.email).toBe('pat@acme.test');
    expect(me.tenants).toEqual([{ id: tenantId, slug: 'acme', name: 'Acme', roles: ['publisher'] }]);
  });

  it('duplicates a flow under a free name and finds flows by name', async () => {
    const dee = world.as(world.acme.users.designer);
    const source = await dee.flows.create({ tenantId, name: 'Billing line' });
    const copy = await dee.flows.duplicate({ tenantId, flowId: source.id });
    const copy2 = await dee.flows.duplicate({ tenantId, flowId: source.id });
    expect([copy.name, copy2.name]).toEqual(['Billing line (copy)', 'Billing line (copy 2)']);
    expect((copy.draft as { name: string }).name).toBe('Billing line (copy)');
    const found = await dee.flows.list({ tenantId, search: 'BILLING' });
    expect(new Set(found.map((f) => f.updatedByName))).toEqual(new Set(['Dee Designer']));
    const pat = world.as(world.acme.users.publisher);
    const trail = await pat.audit.list({ tenantId, limit: 5 });
    expect(trail.find((e) => e.subjectId === copy.id)?.actorName).toBe('Dee Designer');
    expect(found.map((f) => f.name).sort()).toEqual([
      'Billing line',
      'Billing line (copy 2)',
      'Billing line (copy)',
    ]);
  });

  it('a designer deletes a flow nobody routes to; the list no longer shows it', async () => {
    const dee = world.as(world.acme.users.designer);
    const scratch = await dee.flows.create({ tenantId, name: 'Scratch pad' });
    expect(await dee.flows.delete({ tenantId, flowId: scratch.id })).toEqual({ archived: false });
    expect((await dee.flows.list({ tenantId, search: 'Scratch' })).map((f) => f.name)).toEqual([]);
    await expect(dee.flows.get({ tenantId, flowId: scratch.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('an admin adds a member, who can then read the tenant', async () => {
    const ada = world.as(world.acme.users.admin);
    const added = await ada.members.add({
      tenantId,
      email: 'Vic@Acme.test',
      name: 'Vic Viewer',
      password: 'long-enough-pass',
      role: 'analyst',
    });
    expect(added).toMatchObject({ email: 'vic@acme.test', role: 'analyst' });
    await expect(
      world.as({ ...world.acme.users.analyst, id: added.userId }).flows.list({ tenantId }),
    ).resolves.toBeInstanceOf(Array);
    await expect(
      ada.members.add({ tenantId, email: 'nobody@acme.test', role: 'designer' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('business hours', () => {
  it('says which branch each business-hours node takes at a local time, with the tenant’s schedules', async () => {
    const dee = world.as(world.acme.users.designer);
    const weekday = [{ open: '09:00', close: '17:00' }];
    const schedule = await dee.schedules.create({
      tenantId,
      name: 'Support hours',
      definition: {
        kind: 'inline',
        weekly: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday },
        holidays: [{ date: '2026-12-25', name: 'Christmas Day', everyYear: true }],
      },
    });
    const hangup = (id: string) => ({ id, type: 'hangup', data: { reason: id } });
    const document = {
      schemaVersion: 1,
      name: 'Hours line',
      settings: { timezone: 'Europe/London' },
      nodes: [
        { id: 'start', type: 'start', data: {} },
        {
          id: 'hours',
          type: 'businessHours',
          label: 'Support hours',
          data: { schedule: { kind: 'ref', scheduleId: schedule.id } },
        },
        hangup('open'),
        hangup('closed'),
        hangup('holiday'),
      ],
      edges: ['open', 'closed', 'holiday']
        .map((o) => ({ id: o, source: 'hours', outcome: o, target: o }))
        .concat({
          id: 'in',
          source: 'start',
          outcome: 'next',
          target: 'hours',
        }),
    };
    const flow = await dee.flows.create({ tenantId, name: 'Hours line', document });
    expect((await dee.flows.validate({ tenantId, flowId: flow.id })).problems).toEqual([]);

    const branch = async (at: string) =>
      (await dee.flows.when({ tenantId, flowId: flow.id, at })).nodes.map((n) => [n.nodeId, n.branch]);
    expect(await branch('2026-12-25T10:00')).toEqual([['hours', 'holiday']]);
    expect(await branch('2026-12-28T10:00')).toEqual([['hours', 'open']]);
    expect(await branch('2026-12-28T17:00')).toEqual([['hours', 'closed']]);
    // With an offset the instant is taken as given: 08:30 in New York is 13:30 in London.
    expect(await branch('2026-12-28T08:30-05:00')).toEqual([['hours', 'open']]);
    await expect(dee.flows.when({ tenantId, flowId: flow.id, at: 'next tuesday' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});
