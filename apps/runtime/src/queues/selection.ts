import type { QueueRequest } from '@parley/call-engine';
import type { Availability, QueueAgent } from './ports';

export type SkillRequirement = QueueRequest['skills'][number];

/** Presence in which an agent can be rung. */
export function offerable(availability: Availability | undefined): boolean {
  return availability === 'Available' || availability === 'AvailableIdle';
}

/** The agent has every required skill with at least the least proficiency that will do. */
export function qualifies(agent: QueueAgent, skills: readonly SkillRequirement[]): boolean {
  return skills.every((s) => (agent.skills[s.skillId] ?? 0) >= s.minProficiency);
}

/** How good the agent is at what the caller needs: the total of their proficiencies on the required skills. */
export function proficiencyScore(agent: QueueAgent, skills: readonly SkillRequirement[]): number {
  return skills.reduce((total, s) => total + (agent.skills[s.skillId] ?? 0), 0);
}

export interface Choice {
  skills: readonly SkillRequirement[];
  /** When the agent's last Parley call ended (or last missed an offer); smaller is idle longer. */
  idleSince: (agentId: string) => number;
  /** Agents who missed an offer to this caller, with when. */
  missed: ReadonlyMap<string, number>;
  now: number;
  /** A missed agent may ring again for the same caller after this long, when no one else is left to try. */
  retryMissedAfterMs: number;
}

/**
 * The agent to offer a caller to, among `available` (present, free, qualified or not): best proficiency on the
 * required skills, then longest idle, then the directory's order. Agents who missed this caller come last.
 */
export function chooseAgent(available: readonly QueueAgent[], choice: Choice): QueueAgent | undefined {
  const qualified = available.filter((a) => qualifies(a, choice.skills));
  const fresh = qualified.filter((a) => !choice.missed.has(a.agentId));
  const pool =
    fresh.length > 0
      ? fresh
      : qualified.filter(
          (a) => choice.now - (choice.missed.get(a.agentId) ?? 0) >= choice.retryMissedAfterMs,
        );
  // Array.prototype.sort is stable: equal agents keep the directory's order.
  return [...pool].sort(
    (a, b) =>
      proficiencyScore(b, choice.skills) - proficiencyScore(a, choice.skills) ||
      choice.idleSince(a.agentId) - choice.idleSince(b.agentId),
  )[0];
}
