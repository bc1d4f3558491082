import { describe, expect, it } from 'vitest';
import type { QueueAgent } from './ports';
import { type Choice, chooseAgent, proficiencyScore, qualifies } from './selection';

const agent = (agentId: string, skills: Record<string, number>): QueueAgent => ({
  agentId,
  teamsUserId: `${agentId}-id`,
  displayName: agentId,
  sipTarget: null,
  skills,
});
const frenchNetworking = [
  { skillId: 'french', minProficiency: 2 },
  { skillId: 'networking', minProficiency: 3 },
];
const choice = (over: Partial<Choice> = {}): Choice => ({
  skills: frenchNetworking,
  idleSince: () => 0,
  missed: new Map(),
  now: 100_000,
  retryMissedAfterMs: 5_000,
  ...over,
});

describe('choosing the agent for a caller', () => {
  it('a French networking caller needs both skills at their least proficiency', () => {
    expect(qualifies(agent('ana', { french: 2, networking: 3 }), frenchNetworking)).toBe(true);
    expect(qualifies(agent('ben', { french: 5, networking: 2 }), frenchNetworking)).toBe(false);
    expect(qualifies(agent('cleo', { networking: 5 }), frenchNetworking)).toBe(false);
    expect(qualifies(agent('dev', {}), [])).toBe(true);
  });

  it('proficiency counts over all required skills: 3 + 5 beats 4 + 3', () => {
    const ana = agent('ana', { french: 4, networking: 3 });
    const ben = agent('ben', { french: 3, networking: 5 });
    expect(proficiencyScore(ben, frenchNetworking)).toBe(8);
    expect(chooseAgent([ana, ben], choice())?.agentId).toBe('ben');
  });

  it('equal proficiency → longest idle; equal idle → the directory order', () => {
    const ana = agent('ana', { french: 3, networking: 3 });
    const ben = agent('ben', { french: 3, networking: 3 });
    const idle: Record<string, number> = { ana: 50_000, ben: 20_000 };
    expect(chooseAgent([ana, ben], choice({ idleSince: (id) => idle[id] ?? 0 }))?.agentId).toBe('ben');
    expect(chooseAgent([ana, ben], choice())?.agentId).toBe('ana');
  });

  it('an expert who missed this caller comes after everyone else, then again once the retry pause is over', () => {
    const expert = agent('expert', { french: 5, networking: 5 });
    const novice = agent('novice', { french: 2, networking: 3 });
    const missed = new Map([['expert', 98_000]]);
    expect(chooseAgent([expert, novice], choice({ missed }))?.agentId).toBe('novice');
    expect(chooseAgent([expert], choice({ missed }))).toBeUndefined();
    expect(chooseAgent([expert], choice({ missed, now: 103_000 }))?.agentId).toBe('expert');
  });
});
