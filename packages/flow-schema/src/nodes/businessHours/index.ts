import { z } from 'zod';
import type { TransitionJson } from '../../machine/json';
import { defineNodeType, guard } from '../../node-type';
import {
  evaluateSchedule,
  type InlineSchedule,
  isValidTimezone,
  type ScheduleRef,
  type ScheduleState,
  scheduleRefSchema,
} from '../../schedule';

export const businessHoursData = z.object({
  schedule: scheduleRefSchema.describe(
    'Inline hours (`kind: inline`) or a tenant schedule (`kind: ref`, `scheduleId`).',
  ),
});

const weekdays = (open: string, close: string) =>
  Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ open, close }]]));

/** Routes by the clock: open, closed, or a holiday, in the schedule's timezone (or the flow's). */
export const businessHoursNode = defineNodeType({
  type: 'businessHours',
  data: businessHoursData,
  defaults: () => ({
    schedule: { kind: 'inline' as const, weekly: weekdays('09:00', '17:00'), holidays: [], specialDays: [] },
  }),
  outcomes: () => [
    { name: 'open', label: 'Open' },
    { name: 'closed', label: 'Closed' },
    { name: 'holiday', label: 'Holiday' },
  ],
  waitsForCaller: false,
  meta: {
    label: 'Business hours',
    category: 'Routing',
    icon: 'clock',
    help: 'Takes Open, Closed or Holiday by the time the call arrives. Holidays win over special days, which win over the weekly hours. A tenant schedule is read when the call runs, so a new holiday needs no new version.',
  },
  validate: (data) => {
    const tz = data.schedule.kind === 'inline' ? data.schedule.timezone : undefined;
    return tz !== undefined && !isValidTimezone(tz)
      ? [
          {
            field: 'schedule.timezone',
            code: 'invalid-timezone',
            message: `"${tz}" is not an IANA timezone (like Europe/London)`,
          },
        ]
      : [];
  },
  references: (data) =>
    data.schedule.kind === 'ref'
      ? [{ kind: 'schedule', id: data.schedule.scheduleId, field: 'schedule.scheduleId' }]
      : [],
  compile: (data, ctx) => {
    const is = (state: 'open' | 'holiday') =>
      guard('scheduleIs', { schedule: data.schedule, timezone: ctx.settings.timezone, state });
    const always: TransitionJson[] = [
      ctx.outcome('holiday', { guard: is('holiday') }),
      ctx.outcome('open', { guard: is('open') }),
      ctx.outcome('closed'),
    ];
    return { always };
  },
});

/**
 * The branch a business-hours node's data takes at an instant, or null when its schedule is a tenant
 * schedule that `schedules` does not hold. Invalid data reads as null too.
 */
export function businessHoursBranch(
  data: unknown,
  at: Date,
  flowTimezone: string,
  schedules: Record<string, InlineSchedule> = {},
): ScheduleState | null {
  const parsed = businessHoursData.safeParse(data);
  if (!parsed.success) return null;
  const schedule = resolveSchedule(parsed.data.schedule, schedules);
  return schedule ? evaluateSchedule(schedule, at, flowTimezone) : null;
}

function resolveSchedule(ref: ScheduleRef, schedules: Record<string, InlineSchedule>): InlineSchedule | null {
  return ref.kind === 'inline' ? ref : (schedules[ref.scheduleId] ?? null);
}
