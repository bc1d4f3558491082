import { describe, expect, it } from 'vitest';
import { evaluateSchedule, inlineScheduleSchema, instantAt, localTime } from './schedule';

describe('schedule clock', () => {
  it('reads a wall-clock time in a timezone as the right instant, either side of DST', () => {
    expect(instantAt('2026-12-25T09:00', 'Europe/London').toISOString()).toBe('2026-12-25T09:00:00.000Z');
    expect(instantAt('2026-07-01T09:00', 'Europe/London').toISOString()).toBe('2026-07-01T08:00:00.000Z');
    expect(instantAt('2026-03-08T01:30', 'America/New_York').toISOString()).toBe('2026-03-08T06:30:00.000Z');
    expect(instantAt('2026-03-08T03:30', 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(localTime(instantAt('2026-03-08T03:30', 'America/New_York'), 'America/New_York').time).toBe(
      '03:30',
    );
  });

  it('refuses a date-time it cannot read', () => {
    expect(() => instantAt('Christmas', 'UTC')).toThrow(/not a local date-time/);
  });

  it('holiday beats special day beats the week', () => {
    const schedule = inlineScheduleSchema.parse({
      kind: 'inline',
      weekly: { fri: [{ open: '09:00', close: '17:00' }] },
      holidays: [{ date: '2026-12-25', name: 'Christmas', everyYear: true }],
      specialDays: [{ date: '2026-11-27', name: 'Black Friday', hours: [{ open: '08:00', close: '20:00' }] }],
    });
    const at = (local: string) => evaluateSchedule(schedule, instantAt(local, 'UTC'), 'UTC');
    expect(at('2026-12-25T10:00')).toBe('holiday');
    expect(at('2027-12-25T10:00')).toBe('holiday');
    expect(at('2026-11-27T19:00')).toBe('open');
    expect(at('2026-11-20T19:00')).toBe('closed');
    expect(at('2026-11-20T09:00')).toBe('open');
    expect(at('2026-11-20T17:00')).toBe('closed');
  });
});
