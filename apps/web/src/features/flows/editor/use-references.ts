'use client';

import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTRPC } from '../../../trpc/client';
import type { DesignerReferences } from '../../designer/flow-designer';

/**
 * The tenant's queues, schedules, prompts, other flows and skills for the designer's reference
 * fields; one stable object per set of lists (the designer caches on its identity).
 */
export function useDesignerReferences(
  tenantId: string,
  flowId: string,
): {
  references: DesignerReferences | undefined;
  error: unknown;
  refetch(): void;
} {
  const trpc = useTRPC();
  const input = { tenantId };
  const [queues, schedules, prompts, flows, skills] = useQueries({
    queries: [
      trpc.queues.list.queryOptions(input),
      trpc.schedules.list.queryOptions(input),
      trpc.prompts.list.queryOptions(input),
      trpc.flows.list.queryOptions(input),
      trpc.skills.list.queryOptions(input),
    ],
  });
  const references = useMemo<DesignerReferences | undefined>(() => {
    if (!queues.data || !schedules.data || !prompts.data || !flows.data || !skills.data) return undefined;
    return {
      queues: queues.data.map((q) => ({ id: q.id, name: q.name })),
      schedules: schedules.data.map((s) => ({ id: s.id, name: s.name, definition: s.definition })),
      prompts: prompts.data.map((p) => ({ id: p.id, name: `${p.name} (${p.language})` })),
      flows: flows.data.filter((f) => f.id !== flowId).map((f) => ({ id: f.id, name: f.name })),
      skills: skills.data.map((s) => ({ id: s.id, name: s.name })),
    };
  }, [queues.data, schedules.data, prompts.data, flows.data, skills.data, flowId]);
  const failed = [queues, schedules, prompts, flows, skills].find((q) => q.error);
  return {
    references,
    error: failed?.error ?? null,
    refetch: () => {
      for (const q of [queues, schedules, prompts, flows, skills]) if (q.error) void q.refetch();
    },
  };
}
