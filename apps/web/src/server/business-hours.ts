import { ValidationError } from '@parley/db';
import {
  businessHoursBranch,
  type FlowDocument,
  type InlineSchedule,
  instantAt,
  isValidTimezone,
  localTime,
  type ScheduleState,
} from '@parley/flow-schema';

export interface BusinessHoursAnswer {
  /** The flow's timezone, in which a time without an offset was read. */
  timezone: string;
  at: Date;
  local: { date: string; weekday: string; time: string };
  nodes: {
    nodeId: string;
    label: string | null;
    /** Null when the node's schedule is invalid or names a schedule the tenant does not have. */
    branch: ScheduleState | null;
  }[];
}

const OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Which branch each business-hours node of a flow takes at a moment, like `parley flow when`. A time
 * without an offset (`2026-12-25T09:00`) is read on the flow's clock, as an admin means it.
 */
export function businessHoursAt(
  doc: FlowDocument,
  when: string,
  schedules: Record<string, InlineSchedule>,
): BusinessHoursAnswer {
  const timezone = doc.settings.timezone;
  if (!isValidTimezone(timezone)) {
    throw invalid('settings.timezone', `the flow's timezone "${timezone}" is not an IANA timezone`);
  }
  const at = OFFSET.test(when) ? new Date(when) : safeInstant(when, timezone);
  if (Number.isNaN(at.getTime())) throw invalid('at', `"${when}" is not a date-time like 2026-12-25T09:00`);
  return {
    timezone,
    at,
    local: localTime(at, timezone),
    nodes: doc.nodes
      .filter((n) => n.type === 'businessHours')
      .map((n) => ({
        nodeId: n.id,
        label: n.label ?? null,
        branch: businessHoursBranch(n.data, at, timezone, schedules),
      })),
  };
}

function safeInstant(local: string, timezone: string): Date {
  try {
    return instantAt(local, timezone);
  } catch {
    return new Date(Number.NaN);
  }
}

function invalid(field: string, message: string): ValidationError {
  return new ValidationError([{ nodeId: null, field, code: 'invalid-value', message }]);
}
