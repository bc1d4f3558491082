import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenants } from './tenants';

const tenantId = () =>
  uuid('tenant_id')
    .notNull()
    .references(() => tenants.id);

/** Something an agent is good at (a language, a product); queues ask for skills. */
export const skills = pgTable(
  'skills',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('skills_tenant_name_unique').on(t.tenantId, t.name),
    unique('skills_tenant_id_unique').on(t.tenantId, t.id),
  ],
);

/**
 * Queue behavior the runtime reads; all optional, and other keys (music, say) are kept as they are.
 * Checked by the queue repository, not the database, so a new setting needs no migration.
 */
export interface QueueSettings {
  /** How long an offered agent's Teams client rings before the next agent is tried. */
  alertTimeoutSeconds?: number;
  /** How many callers may wait at once; the next one takes the flow's Queue full outcome. */
  maxQueueSize?: number;
  /** The longest any caller waits here, whatever a flow's queue node allows. */
  maxWaitSeconds?: number;
  [key: string]: unknown;
}

/** Where calls wait for an agent. `settings` holds queue behavior (music, timeouts) as JSON. */
export const queues = pgTable(
  'queues',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    name: text('name').notNull(),
    settings: jsonb('settings').$type<QueueSettings>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('queues_tenant_name_unique').on(t.tenantId, t.name),
    unique('queues_tenant_id_unique').on(t.tenantId, t.id),
  ],
);

/** The skills a queue asks of its agents. */
export const queueSkills = pgTable(
  'queue_skills',
  {
    tenantId: uuid('tenant_id').notNull(),
    queueId: uuid('queue_id').notNull(),
    skillId: uuid('skill_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.queueId, t.skillId] }),
    foreignKey({
      name: 'queue_skills_queue_fk',
      columns: [t.tenantId, t.queueId],
      foreignColumns: [queues.tenantId, queues.id],
    }),
    foreignKey({
      name: 'queue_skills_skill_fk',
      columns: [t.tenantId, t.skillId],
      foreignColumns: [skills.tenantId, skills.id],
    }),
  ],
);

/** A Teams user who answers calls. */
export const agents = pgTable(
  'agents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    teamsUserId: text('teams_user_id').notNull(),
    displayName: text('display_name').notNull(),
    /**
     * Where the SIP adapter rings the agent for queue calls (the Direct Routing leg): the Teams user's
     * phone number in E.164, or a sip:/sips: URI. Null: the agent takes queue calls through Graph only.
     */
    sipTarget: text('sip_target'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('agents_tenant_teams_user_unique').on(t.tenantId, t.teamsUserId),
    unique('agents_tenant_id_unique').on(t.tenantId, t.id),
  ],
);

/** An agent's skills, each with a proficiency from 1 (learning) to 5 (expert). */
export const agentSkills = pgTable(
  'agent_skills',
  {
    tenantId: uuid('tenant_id').notNull(),
    agentId: uuid('agent_id').notNull(),
    skillId: uuid('skill_id').notNull(),
    proficiency: smallint('proficiency').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.agentId, t.skillId] }),
    check('agent_skills_proficiency_range', sql`${t.proficiency} between 1 and 5`),
    foreignKey({
      name: 'agent_skills_agent_fk',
      columns: [t.tenantId, t.agentId],
      foreignColumns: [agents.tenantId, agents.id],
    }),
    foreignKey({
      name: 'agent_skills_skill_fk',
      columns: [t.tenantId, t.skillId],
      foreignColumns: [skills.tenantId, skills.id],
    }),
  ],
);
