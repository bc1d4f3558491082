import {
  businessHoursBranch,
  type FlowDocument,
  getNodeType,
  type InlineSchedule,
  type ScheduleState,
} from '@parley/flow-schema';

/** The branch one business-hours node takes at the checked moment. */
export interface ScheduleBranch {
  nodeId: string;
  title: string;
  /** null when the node uses a tenant schedule whose hours the designer was not given. */
  branch: ScheduleState | null;
  /** The tenant schedule the node reads, when it reads one. */
  scheduleId: string | null;
}

/**
 * Which branch every node that routes by the clock takes at an instant. Nodes are found by the shape
 * the evaluator reads (`businessHoursBranch` accepts their data), not by a list of type names.
 */
export function scheduleBranches(
  doc: FlowDocument,
  at: Date,
  schedules: Record<string, InlineSchedule> = {},
): ScheduleBranch[] {
  const out: ScheduleBranch[] = [];
  for (const node of doc.nodes) {
    const schedule = (node.data as { schedule?: { kind?: string; scheduleId?: string } }).schedule;
    if (!schedule) continue;
    out.push({
      nodeId: node.id,
      title: node.label?.trim() || getNodeType(node.type)?.meta.label || node.type,
      branch: businessHoursBranch(node.data, at, doc.settings.timezone, schedules),
      scheduleId: schedule.kind === 'ref' ? (schedule.scheduleId ?? null) : null,
    });
  }
  return out;
}

/** `2026-12-24T10:30` for an instant as the wall clock in a timezone shows it (for a datetime-local input). */
export function localInputValue(at: Date, timezone: string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}
