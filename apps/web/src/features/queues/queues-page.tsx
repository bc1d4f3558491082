'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../trpc/client';
import { Page } from '../shell/page';
import { useTenant } from '../shell/tenant-context';
import { AgentsSection } from './agents-section';
import { QueuesSection } from './queues-section';
import { SkillsSection } from './skills-section';

/** Queues, the agents who answer them and the skills that match the two. */
export function QueuesPage() {
  const trpc = useTRPC();
  const tenant = useTenant();
  const skills = useQuery(trpc.skills.list.queryOptions({ tenantId: tenant.id }));
  const skillName = (id: string) => skills.data?.find((s) => s.id === id)?.name ?? id.slice(0, 8);
  return (
    <Page
      title="Queues & agents"
      lead="A queue offers its calls to agents who have all of its skills, best proficiency first."
    >
      <QueuesSection skills={skills.data ?? []} skillName={skillName} />
      <AgentsSection skills={skills.data ?? []} skillName={skillName} />
      <SkillsSection skills={skills} />
    </Page>
  );
}
