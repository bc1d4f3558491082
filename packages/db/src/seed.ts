import { z } from 'zod';
import simpleMenu from '../../flow-schema/examples/simple-menu.json' with { type: 'json' };
import type { Database } from './client';
import { createAgent, listAgents } from './repos/agents';
import { bindAddress, listBindings } from './repos/bindings';
import { createFlow, listFlows } from './repos/flows';
import { addMembership } from './repos/memberships';
import { createQueue, listQueues } from './repos/queues';
import { createSchedule, listSchedules } from './repos/schedules';
import { createSipTrunk, listSipTrunks } from './repos/sip-trunks';
import { createSkill, listSkills } from './repos/skills';
import { createTenant, findTenantBySlug } from './repos/tenants';
import { checkCredentials, createUser, findUserByEmail, setPassword } from './repos/users';
import { publishFlow } from './repos/versions';

export interface DemoSeed {
  tenantSlug: string;
  tenantId: string;
  flowId: string;
  email: string;
  password: string;
  /** What this run created; empty when the demo was complete already. */
  created: string[];
}

const DEMO = {
  slug: 'demo',
  tenantName: 'Demo',
  email: 'admin@parley.local',
  flowName: 'Simple menu',
  number: '+14255550100',
  schedule: 'Business hours',
  skill: 'Support',
  queue: 'Support',
  agent: { teamsUserId: 'agent@parley.local', displayName: 'Demo Agent' },
  // An SBC (or sipp) on this machine sends the demo's SIP calls.
  trunk: { name: 'Local SBC', addresses: ['127.0.0.1', '::1'] },
} as const;

const env = z.object({ PARLEY_DEMO_PASSWORD: z.string().min(8).default('parley-demo') });

/**
 * Makes sure the demo tenant exists with its admin, a published flow bound to a number, a SIP trunk
 * from this machine, and a schedule, skill, queue and agent. Safe to run on every start: it only adds
 * what is missing (and resets the admin's password when PARLEY_DEMO_PASSWORD changed).
 */
export async function seedDemo(database: Database): Promise<DemoSeed> {
  const { db } = database;
  const password = env.parse({
    PARLEY_DEMO_PASSWORD: process.env.PARLEY_DEMO_PASSWORD || undefined,
  }).PARLEY_DEMO_PASSWORD;
  const created: string[] = [];
  const made = <T>(what: string, value: T): T => {
    created.push(what);
    return value;
  };

  const tenant =
    (await findTenantBySlug(db, DEMO.slug)) ??
    made('tenant demo', await createTenant(db, { slug: DEMO.slug, name: DEMO.tenantName }));
  let admin = await findUserByEmail(db, DEMO.email);
  if (!admin) {
    admin = made(
      `user ${DEMO.email}`,
      await createUser(db, { email: DEMO.email, name: 'Demo admin', password }),
    );
  } else if (!(await checkCredentials(db, DEMO.email, password))) {
    await setPassword(db, admin.id, password);
    created.push(`password of ${DEMO.email}`);
  }
  await addMembership(db, tenant.id, admin.id, 'admin');

  if (!(await listSchedules(db, tenant.id)).some((s) => s.name === DEMO.schedule)) {
    const weekday = [{ open: '09:00', close: '17:00' }];
    const weekly = { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday };
    made(
      `schedule ${DEMO.schedule}`,
      await createSchedule(db, tenant.id, {
        name: DEMO.schedule,
        definition: { kind: 'inline', timezone: 'Europe/London', weekly },
      }),
    );
  }
  const skill =
    (await listSkills(db, tenant.id)).find((s) => s.name === DEMO.skill) ??
    made(`skill ${DEMO.skill}`, await createSkill(db, tenant.id, { name: DEMO.skill }));
  if (!(await listQueues(db, tenant.id)).some((q) => q.name === DEMO.queue)) {
    made(`queue ${DEMO.queue}`, await createQueue(db, tenant.id, { name: DEMO.queue, skillIds: [skill.id] }));
  }
  if (!(await listAgents(db, tenant.id)).some((a) => a.teamsUserId === DEMO.agent.teamsUserId)) {
    made(
      `agent ${DEMO.agent.displayName}`,
      await createAgent(db, tenant.id, { ...DEMO.agent, skills: [{ skillId: skill.id, proficiency: 3 }] }),
    );
  }

  const flow =
    (await listFlows(db, tenant.id)).find((f) => f.name === DEMO.flowName) ??
    made(
      `flow ${DEMO.flowName}`,
      await createFlow(db, tenant.id, { name: DEMO.flowName, document: simpleMenu }, admin.id),
    );
  if (flow.liveVersion === null) {
    made(
      `version 1 of ${DEMO.flowName}`,
      await publishFlow(db, tenant.id, flow.id, { actorId: admin.id, note: 'demo' }),
    );
  }
  if (!(await listSipTrunks(db, tenant.id)).some((t) => t.name === DEMO.trunk.name)) {
    made(
      `trunk ${DEMO.trunk.name}`,
      await createSipTrunk(
        db,
        tenant.id,
        { name: DEMO.trunk.name, addresses: [...DEMO.trunk.addresses] },
        admin.id,
      ),
    );
  }
  const bound = (await listBindings(db, tenant.id)).some(
    (b) => b.address === DEMO.number && b.flowId === flow.id,
  );
  if (!bound) {
    made(
      `binding ${DEMO.number}`,
      await bindAddress(db, tenant.id, { kind: 'e164', address: DEMO.number, flowId: flow.id }, admin.id),
    );
  }

  return {
    tenantSlug: tenant.slug,
    tenantId: tenant.id,
    flowId: flow.id,
    email: DEMO.email,
    password,
    created,
  };
}
