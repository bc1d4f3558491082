import {
  bindAddress,
  createAgent,
  createFlow,
  createPrompt,
  createQueue,
  createSchedule,
  createSipTrunk,
  createSkill,
  listAgents,
  listAudit,
  listBindings,
  listCallRecordings,
  listFlows,
  listPrompts,
  listQueues,
  listSchedules,
  listSipTrunks,
  listSkills,
  listVersions,
  publishFlow,
  type Role,
  startCall,
  storeCallRecording,
} from '@parley/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { starterDocument } from '../../src/server/flow-documents';
import { appRouter } from '../../src/server/routers';
import { callPath, openWorld, outcome, type World } from './support';

/** Ids of Acme's things the table's inputs name. */
interface Fixture {
  tenantId: string;
  flowId: string;
  bindingId: string;
  queueId: string;
  agentId: string;
  skillId: string;
  scheduleId: string;
  promptId: string;
  /** A SIP trunk the table edits, and another that `trunks.delete` removes. */
  trunkId: string;
  spareTrunkId: string;
  revision: number;
  /** Flows nothing routes to, one for each call of `flows.delete` (the calls that get through delete one). */
  deletable: string[];
}

/** Who may call a procedure: signed-in users, or these roles of the tenant (admin always may). */
type Access = 'signed-in' | readonly Role[];

const READ = ['designer', 'publisher', 'analyst'] as const;
const DESIGN = ['designer'] as const;
const PUBLISH = ['publisher'] as const;
const ADMIN = ['admin'] as const;

let unique = 0;
const fresh = (what: string) => `${what} ${++unique}`;
const freshAddress = () => `198.51.100.${++unique}`;

/**
 * Every procedure of the router, with who may call it and an input that works for them. A procedure
 * missing here fails the suite: new procedures come with their access rule.
 */
const table: Record<string, { access: Access; input: (f: Fixture) => unknown }> = {
  me: { access: 'signed-in', input: () => undefined },
  'flows.list': { access: READ, input: (f) => ({ tenantId: f.tenantId, search: 'main' }) },
  'flows.get': { access: READ, input: (f) => ({ tenantId: f.tenantId, flowId: f.flowId }) },
  'flows.create': { access: DESIGN, input: (f) => ({ tenantId: f.tenantId, name: fresh('New flow') }) },
  'flows.rename': {
    access: DESIGN,
    input: (f) => ({ tenantId: f.tenantId, flowId: f.flowId, name: fresh('Main line') }),
  },
  'flows.duplicate': { access: DESIGN, input: (f) => ({ tenantId: f.tenantId, flowId: f.flowId }) },
  'flows.delete': { access: DESIGN, input: (f) => ({ tenantId: f.tenantId, flowId: f.deletable.shift() }) },
  'flows.import': {
    access: DESIGN,
    input: (f) => ({ tenantId: f.tenantId, document: starterDocument(fresh('Imported')) }),
  },
  'flows.export': { access: READ, input: (f) => ({ tenantId: f.tenantId, flowId: f.flowId, version: 1 }) },
  'flows.saveDraft': {
    access: DESIGN,
    input: (f) => ({
      tenantId: f.tenantId,
      flowId: f.flowId,
      document: starterDocument('Main line'),
      expectedRevision: f.revision,
    }),
  },
  'flows.validate': { access: READ, input: (f) => ({ tenantId: f.tenantId, flowId: f.flowId }) },
  'flows.when': {
    access: READ,
    input: (f) => ({ tenantId: f.tenantId, flowId: f.flowId, at: '2026-12-25T09:00' }),
  },
  'versions.list': { access: READ, input: (f) => ({ tenantId: f.tenantId, flowId: f.flowId }) },
  'versions.get': { access: READ, input: (f) => ({ tenantId: f.tenantId, flowId: f.flowId, number: 1 }) },
  'versions.publish': {
    access: PUBLISH,
    input: (f) => ({ tenantId: f.tenantId, flowId: f.flowId, note: 'again' }),
  },
  'versions.rollback': {
    access: PUBLISH,
    input: (f) => ({ tenantId: f.tenantId, flowId: f.flowId, toVersion: 1 }),
  },
  'versions.diff': {
    access: READ,
    input: (f) => ({ tenantId: f.tenantId, flowId: f.flowId, from: 1, to: 'draft' }),
  },
  'bindings.list': { access: READ, input: (f) => ({ tenantId: f.tenantId }) },
  'bindings.bind': {
    access: ADMIN,
    input: (f) => ({ tenantId: f.tenantId, kind: 'e164', address: '+14255550177', flowId: f.flowId }),
  },
  'bindings.unbind': { access: ADMIN, input: (f) => ({ tenantId: f.tenantId, bindingId: f.bindingId }) },
  'trunks.list': { access: READ, input: (f) => ({ tenantId: f.tenantId }) },
  'trunks.create': {
    access: ADMIN,
    input: (f) => ({
      tenantId: f.tenantId,
      name: fresh('SBC'),
      fqdn: `sbc-${++unique}.acme.test`,
      addresses: [freshAddress()],
    }),
  },
  'trunks.update': {
    access: ADMIN,
    input: (f) => ({
      tenantId: f.tenantId,
      trunkId: f.trunkId,
      name: fresh('SBC'),
      addresses: [freshAddress()],
    }),
  },
  'trunks.delete': { access: ADMIN, input: (f) => ({ tenantId: f.tenantId, trunkId: f.spareTrunkId }) },
  'queues.list': { access: READ, input: (f) => ({ tenantId: f.tenantId }) },
  'queues.get': { access: READ, input: (f) => ({ tenantId: f.tenantId, queueId: f.queueId }) },
  'queues.create': {
    access: DESIGN,
    input: (f) => ({ tenantId: f.tenantId, name: fresh('Queue'), skillIds: [f.skillId] }),
  },
  'queues.agents': { access: READ, input: (f) => ({ tenantId: f.tenantId, queueId: f.queueId }) },
  'agents.list': { access: READ, input: (f) => ({ tenantId: f.tenantId }) },
  'agents.get': { access: READ, input: (f) => ({ tenantId: f.tenantId, agentId: f.agentId }) },
  'agents.create': {
    access: DESIGN,
    input: (f) => ({
      tenantId: f.tenantId,
      teamsUserId: `${fresh('agent').replace(' ', '')}@acme.test`,
      displayName: 'New agent',
      skills: [{ skillId: f.skillId, proficiency: 4 }],
    }),
  },
  'agents.update': {
    access: DESIGN,
    input: (f) => ({ tenantId: f.tenantId, agentId: f.agentId, sipTarget: `+1425555${1000 + ++unique}` }),
  },
  'skills.list': { access: READ, input: (f) => ({ tenantId: f.tenantId }) },
  'skills.create': { access: DESIGN, input: (f) => ({ tenantId: f.tenantId, name: fresh('Skill') }) },
  'schedules.list': { access: READ, input: (f) => ({ tenantId: f.tenantId }) },
  'schedules.get': { access: READ, input: (f) => ({ tenantId: f.tenantId, scheduleId: f.scheduleId }) },
  'schedules.create': {
    access: DESIGN,
    input: (f) => ({
      tenantId: f.tenantId,
      name: fresh('Hours'),
      definition: { kind: 'inline', weekly: { sat: [{ open: '10:00', close: '14:00' }] } },
    }),
  },
  'prompts.list': { access: READ, input: (f) => ({ tenantId: f.tenantId }) },
  'prompts.get': { access: READ, input: (f) => ({ tenantId: f.tenantId, promptId: f.promptId }) },
  'prompts.create': {
    access: DESIGN,
    input: (f) => ({
      tenantId: f.tenantId,
      name: fresh('Greeting'),
      language: 'en-GB',
      contentType: 'audio/wav',
      audioBase64: Buffer.from('RIFF....WAVE').toString('base64'),
    }),
  },
  'recordings.list': { access: READ, input: (f) => ({ tenantId: f.tenantId, limit: 10 }) },
  'audit.list': { access: READ, input: (f) => ({ tenantId: f.tenantId, limit: 10 }) },
  'members.add': {
    access: ADMIN,
    input: (f) => ({ tenantId: f.tenantId, email: 'ann@acme.test', role: 'designer' }),
  },
};

// At run time the router keeps its procedures flat, by dotted path (`flows.list`); its type nests them.
const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>;
const paths = Object.keys(procedures);
const tenantPaths = paths.filter((p) => table[p]?.access !== 'signed-in');
const NON_ADMIN: Role[] = ['designer', 'publisher', 'analyst'];

let world: World;
let acme: Fixture;

/** Everything of Acme's a refused call might have changed. */
async function snapshot(w: World, tenantId: string) {
  const flows = await listFlows(w.db, tenantId);
  return {
    flows,
    versions: await Promise.all(flows.map((f) => listVersions(w.db, tenantId, f.id))),
    bindings: await listBindings(w.db, tenantId),
    queues: await listQueues(w.db, tenantId),
    agents: await listAgents(w.db, tenantId),
    skills: await listSkills(w.db, tenantId),
    schedules: await listSchedules(w.db, tenantId),
    prompts: await listPrompts(w.db, tenantId),
    trunks: await listSipTrunks(w.db, tenantId),
    recordings: await listCallRecordings(w.db, tenantId),
    audit: await listAudit(w.db, tenantId, { limit: 1000 }),
    members: await w.db.query.memberships.findMany({ where: (m, { eq }) => eq(m.tenantId, tenantId) }),
  };
}

beforeAll(async () => {
  world = await openWorld();
  const { db } = world;
  const tenantId = world.acme.id;
  const admin = world.acme.users.admin.id;
  const flow = await createFlow(
    db,
    tenantId,
    { name: 'Main line', document: starterDocument('Main line') },
    admin,
  );
  await publishFlow(db, tenantId, flow.id, { actorId: admin, note: 'first' });
  await bindAddress(db, tenantId, { kind: 'e164', address: '+14255550100', flowId: flow.id }, admin);
  const spare = await bindAddress(
    db,
    tenantId,
    { kind: 'resourceAccount', address: 'aa-main@acme.test', flowId: flow.id },
    admin,
  );
  const skill = await createSkill(db, tenantId, { name: 'Billing' });
  const queue = await createQueue(db, tenantId, { name: 'Billing', skillIds: [skill.id] });
  const agent = await createAgent(db, tenantId, {
    teamsUserId: 'bo@acme.test',
    displayName: 'Bo',
    skills: [{ skillId: skill.id, proficiency: 3 }],
  });
  const schedule = await createSchedule(db, tenantId, {
    name: 'Office hours',
    definition: { kind: 'inline', weekly: { mon: [{ open: '09:00', close: '17:00' }] } },
  });
  const prompt = await createPrompt(db, tenantId, {
    name: 'Welcome',
    language: 'en-GB',
    contentType: 'audio/wav',
    bytes: new Uint8Array([1, 2, 3]),
  });
  const trunk = await createSipTrunk(db, tenantId, { name: 'Acme SBC', addresses: ['192.0.2.10'] }, admin);
  const spareTrunk = await createSipTrunk(
    db,
    tenantId,
    { name: 'Old SBC', fqdn: 'old.sbc.acme.test', addresses: [] },
    admin,
  );
  const call = await startCall(db, tenantId, {
    flowId: flow.id,
    version: 1,
    channel: 'sip',
    caller: '+447700900123',
    called: '+14255550100',
  });
  await storeCallRecording(db, tenantId, {
    callId: call.id,
    nodeId: 'voicemail',
    contentType: 'audio/wav',
    bytes: new Uint8Array([1, 2, 3]),
    durationMs: 1000,
    endedBy: 'silence',
  });
  acme = {
    tenantId,
    flowId: flow.id,
    bindingId: spare.id,
    queueId: queue.id,
    agentId: agent.id,
    skillId: skill.id,
    scheduleId: schedule.id,
    promptId: prompt.id,
    trunkId: trunk.id,
    spareTrunkId: spareTrunk.id,
    revision: flow.revision,
    deletable: await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        createFlow(
          db,
          tenantId,
          { name: `Scratch ${i}`, document: starterDocument(`Scratch ${i}`) },
          admin,
        ).then((f) => f.id),
      ),
    ),
  };
});

afterAll(async () => {
  await world?.database.close();
});

describe('every procedure has an access rule', () => {
  it('the table names exactly the router’s procedures', () => {
    expect(paths.filter((p) => !(p in table))).toEqual([]);
    expect(Object.keys(table).filter((p) => !(p in procedures))).toEqual([]);
  });
});

describe('refused calls', () => {
  it('nobody signed in gets UNAUTHORIZED from every procedure', async () => {
    const anonymous = world.as(null);
    for (const path of paths) {
      await expect(callPath(anonymous, path, table[path]!.input(acme)), path).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
      });
    }
  });

  it('an admin of another tenant gets FORBIDDEN for Acme, NOT_FOUND for Acme’s things, and changes nothing', async () => {
    const before = await snapshot(world, acme.tenantId);
    const outsider = world.as(world.globex.admin);
    const acmeIds = Object.entries(acme)
      .filter(([k, v]) => k !== 'tenantId' && typeof v === 'string')
      .map(([, v]) => v as string);
    for (const path of tenantPaths) {
      const input = table[path]!.input(acme) as Record<string, unknown>;
      await expect(callPath(outsider, path, input), path).rejects.toMatchObject({ code: 'FORBIDDEN' });
      // Through their own tenant, naming Acme's flow, queue, binding…: as if it did not exist.
      const viaGlobex = { ...input, tenantId: world.globex.id };
      if (acmeIds.some((id) => JSON.stringify(viaGlobex).includes(id))) {
        await expect(callPath(outsider, path, viaGlobex), `${path} via globex`).rejects.toMatchObject({
          code: 'NOT_FOUND',
        });
      }
    }
    expect(await snapshot(world, acme.tenantId)).toEqual(before);
  });

  it('each role gets FORBIDDEN from what it has no rights to, and changes nothing', async () => {
    const before = await snapshot(world, acme.tenantId);
    let refused = 0;
    for (const path of tenantPaths) {
      const access = table[path]!.access as readonly Role[];
      for (const role of NON_ADMIN.filter((r) => !access.includes(r))) {
        const caller = world.as(world.acme.users[role]);
        await expect(
          callPath(caller, path, table[path]!.input(acme)),
          `${path} as ${role}`,
        ).rejects.toMatchObject({
          code: 'FORBIDDEN',
        });
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(0);
    expect(await snapshot(world, acme.tenantId)).toEqual(before);
  });
});

describe('allowed calls', () => {
  it('every role with rights gets through (queries for each such role, changes once)', async () => {
    for (const path of paths) {
      const { access, input } = table[path]!;
      const roles: Role[] =
        access === 'signed-in' ? ['analyst'] : access.includes('admin') ? ['admin'] : [...access];
      const once = procedures[path]!._def.type === 'mutation' ? roles.slice(0, 1) : roles;
      for (const role of [...once, ...(access === 'signed-in' ? [] : ['admin' as const])]) {
        expect(
          await outcome(callPath(world.as(world.acme.users[role]), path, input(acme))),
          `${path} as ${role}`,
        ).toBe('ok');
        if (path === 'flows.saveDraft') acme.revision++;
        if (path === 'bindings.unbind' || path === 'trunks.delete') break; // removed once
      }
    }
  });
});
