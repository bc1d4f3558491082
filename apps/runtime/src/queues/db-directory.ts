import { type Db, getQueue, queueAgents } from '@parley/db';
import type { AgentDirectory, QueueAgent, QueueSettings } from './ports';

/** Ring time when a queue does not set one: the default agent alert time of Teams call queues. */
export const DEFAULT_ALERT_TIMEOUT_SECONDS = 30;

/** A queue's settings and agents from Parley's database (NotFoundError for a queue not the tenant's). */
export class DatabaseAgentDirectory implements AgentDirectory {
  constructor(private readonly db: Db) {}

  async agentsFor(
    tenantId: string,
    queueId: string,
  ): Promise<{ queue: QueueSettings; agents: QueueAgent[] }> {
    const [queue, agents] = await Promise.all([
      getQueue(this.db, tenantId, queueId),
      queueAgents(this.db, tenantId, queueId),
    ]);
    return {
      queue: {
        maxQueueSize: queue.settings.maxQueueSize ?? null,
        alertTimeoutSeconds: queue.settings.alertTimeoutSeconds ?? DEFAULT_ALERT_TIMEOUT_SECONDS,
      },
      agents: agents.map((a) => ({
        agentId: a.id,
        teamsUserId: a.teamsUserId,
        displayName: a.displayName,
        sipTarget: a.sipTarget ?? null,
        skills: Object.fromEntries(a.skills.map((s) => [s.skillId, s.proficiency])),
      })),
    };
  }
}
