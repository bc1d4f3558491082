import type { InlineSchedule } from '@parley/flow-schema';

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Day = (typeof DAYS)[number];
export const DAY_NAMES: Record<Day, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

/** A week as one line, runs of days with the same hours together: "Mon–Fri 09:00–17:00; Sat 10:00–14:00". */
export function weeklySummary(weekly: InlineSchedule['weekly']): string {
  const hours = DAYS.map((d) => (weekly[d] ?? []).map((i) => `${i.open}–${i.close}`).join(', '));
  const parts: string[] = [];
  let start = 0;
  for (let i = 1; i <= DAYS.length; i++) {
    if (i < DAYS.length && hours[i] === hours[start]) continue;
    if (hours[start]) {
      const from = DAY_NAMES[DAYS[start]!];
      const span = i - 1 === start ? from : `${from}–${DAY_NAMES[DAYS[i - 1]!]}`;
      parts.push(`${span} ${hours[start]}`);
    }
    start = i;
  }
  return parts.length === 0 ? 'Closed every day' : parts.join('; ');
}
