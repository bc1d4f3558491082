import { z } from 'zod';
import { codeForMessage } from './issues';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const clock = z
  .string()
  .regex(
    /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/,
    codeForMessage('use 24-hour HH:MM, e.g. 09:00 or 24:00', 'invalid-schedule'),
  );
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, codeForMessage('use a date like 2026-12-25', 'invalid-schedule'))
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    {
      message: codeForMessage('not a calendar date', 'invalid-schedule'),
    },
  );

export const intervalSchema = z.object({ open: clock, close: clock }).refine((i) => i.open < i.close, {
  message: codeForMessage('closing time must be after opening time', 'invalid-schedule'),
  path: ['close'],
});

export const inlineScheduleSchema = z.object({
  kind: z.literal('inline'),
  /** IANA timezone; the flow's timezone when absent. */
  timezone: z.string().optional(),
  weekly: z.partialRecord(z.enum(WEEKDAYS), z.array(intervalSchema)).default({}),
  holidays: z
    .array(
      z.object({
        date: isoDate,
        name: z.string().max(100).default(''),
        everyYear: z.boolean().default(false),
      }),
    )
    .default([]),
  /** Days with their own hours (an empty list closes the day) that are not holidays. */
  specialDays: z
    .array(z.object({ date: isoDate, name: z.string().max(100).default(''), hours: z.array(intervalSchema) }))
    .default([]),
});
export type InlineSchedule = z.output<typeof inlineScheduleSchema>;

/** Business hours written into the flow, or a tenant schedule by id (read when the call runs). */
export const scheduleRefSchema = z.discriminatedUnion('kind', [
  inlineScheduleSchema,
  z.object({ kind: z.literal('ref'), scheduleId: z.string().min(1, 'choose a schedule') }),
]);
export type ScheduleRef = z.output<typeof scheduleRefSchema>;

export type ScheduleState = 'open' | 'closed' | 'holiday';

/**
 * Timezones already found valid: asking Intl costs more than validating a small flow, and every
 * validation and compilation asks. Bounded, since the names come from documents.
 */
const knownTimezones = new Set<string>();
const MAX_KNOWN_TIMEZONES = 1000;

/** Whether a string names a timezone this JavaScript runtime knows (IANA names). */
export function isValidTimezone(tz: string): boolean {
  if (knownTimezones.has(tz)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    return false;
  }
  if (knownTimezones.size < MAX_KNOWN_TIMEZONES) knownTimezones.add(tz);
  return true;
}

/** The wall-clock date, weekday and time of an instant in a timezone. */
export function localTime(at: Date, timezone: string): { date: string; weekday: Weekday; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const weekday = String(parts.weekday).toLowerCase().slice(0, 3) as Weekday;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday,
    time: `${parts.hour}:${parts.minute}`,
  };
}

const within = (hours: { open: string; close: string }[], time: string) =>
  hours.some((h) => h.open <= time && time < h.close);

/** Which branch a business-hours check takes at an instant: holiday first, then special days, then the week. */
export function evaluateSchedule(
  schedule: InlineSchedule,
  at: Date,
  fallbackTimezone: string,
): ScheduleState {
  const { date, weekday, time } = localTime(at, schedule.timezone ?? fallbackTimezone);
  const holiday = schedule.holidays.some(
    (h) => h.date === date || (h.everyYear && h.date.slice(5) === date.slice(5)),
  );
  if (holiday) return 'holiday';
  const special = schedule.specialDays.find((d) => d.date === date);
  if (special) return within(special.hours, time) ? 'open' : 'closed';
  return within(schedule.weekly[weekday] ?? [], time) ? 'open' : 'closed';
}

/**
 * The instant at which a wall clock in a timezone shows a local date-time (`2026-12-25T09:00`). In a
 * DST gap the clock jumps past, the result is the moment after the gap, as phones and calendars do.
 */
export function instantAt(local: string, timezone: string): Date {
  const asUtc = Date.parse(`${local.length === 16 ? `${local}:00` : local}Z`);
  if (Number.isNaN(asUtc)) throw new RangeError(`"${local}" is not a local date-time like 2026-12-25T09:00`);
  // Two rounds of "how far off is the wall clock" settle the offset, including across a DST change.
  let guess = asUtc;
  for (let i = 0; i < 2; i++) guess = asUtc - (wallClockAsUtc(new Date(guess), timezone) - guess);
  return new Date(guess);
}

function wallClockAsUtc(at: Date, timezone: string): number {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
}
