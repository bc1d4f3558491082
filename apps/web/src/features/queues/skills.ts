import type { RouterOutputs } from '../../trpc/types';

export type Skill = RouterOutputs['skills']['list'][number];

/** The tenant's skills, for a section's form, and a skill's name by id for its table. */
export interface SkillProps {
  skills: Skill[];
  skillName(id: string): string;
}
