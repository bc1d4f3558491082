import { describe, expect, it } from 'vitest';
import { oneNodeFlow, problemsOf } from '../../../test/one-node';
import { simulate } from '../../../test/simulate';
import { businessHoursBranch } from './index';

const office = {
  kind: 'inline',
  timezone: 'America/New_York',
  weekly: { mon: [{ open: '09:00', close: '17:00' }], sat: [{ open: '10:00', close: '12:00' }] },
  holidays: [{ date: '2026-12-25', name: 'Christmas', everyYear: true }],
  specialDays: [{ date: '2026-11-30', name: 'Staff training', hours: [{ open: '13:00', close: '17:00' }] }],
};
const flow = (schedule: unknown = office) => oneNodeFlow('businessHours', { schedule });

describe('business hours', () => {
  it('Monday 10:00 in New York (15:00 UTC) → open', () => {
    expect(simulate(flow(), { now: new Date('2026-11-23T15:00:00Z') }).node).toBe('out_open');
  });

  it('Monday 08:59 New York → closed, although it is 13:59 in UTC', () => {
    expect(simulate(flow(), { now: new Date('2026-11-23T13:59:00Z') }).node).toBe('out_closed');
  });

  it('Christmas, every year, even on a Monday inside opening hours → holiday', () => {
    expect(simulate(flow(), { now: new Date('2028-12-25T15:00:00Z') }).node).toBe('out_holiday');
  });

  it('a special day replaces the weekly hours: the training Monday opens at 13:00', () => {
    expect(simulate(flow(), { now: new Date('2026-11-30T15:00:00Z') }).node).toBe('out_closed');
    expect(simulate(flow(), { now: new Date('2026-11-30T18:30:00Z') }).node).toBe('out_open');
  });

  it('a tenant schedule is read when the call runs', () => {
    const doc = flow({ kind: 'ref', scheduleId: 'sched-1' });
    const { kind: _k, ...inline } = office;
    const schedules = {
      'sched-1': {
        kind: 'inline' as const,
        ...inline,
        weekly: { mon: [{ open: '00:00', close: '24:00' }] },
        holidays: [],
        specialDays: [],
      },
    };
    expect(simulate(doc, { now: new Date('2026-11-23T06:00:00Z'), schedules }).node).toBe('out_open');
    // The schedule was deleted: the caller still reaches a branch, the closed one.
    expect(simulate(doc, { now: new Date('2026-11-23T15:00:00Z') }).node).toBe('out_closed');
  });

  it('businessHoursBranch answers without running a call; null for an unknown tenant schedule', () => {
    expect(businessHoursBranch({ schedule: office }, new Date('2026-12-25T15:00:00Z'), 'UTC')).toBe(
      'holiday',
    );
    expect(businessHoursBranch({ schedule: { kind: 'ref', scheduleId: 'x' } }, new Date(), 'UTC')).toBeNull();
  });

  it('reports a bad timezone, a bad clock time and closing before opening', () => {
    const problems = problemsOf(
      flow({
        ...office,
        timezone: 'Europe/Atlantis',
        weekly: { tue: [{ open: '9am', close: '08:00' }], wed: [{ open: '18:00', close: '08:00' }] },
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          nodeId: 'node',
          field: 'schedule.weekly.tue.0.open',
          code: 'invalid-schedule',
        }),
        expect.objectContaining({
          nodeId: 'node',
          field: 'schedule.weekly.wed.0.close',
          code: 'invalid-schedule',
        }),
      ]),
    );
    expect(problemsOf(flow({ ...office, timezone: 'Europe/Atlantis' }))).toContainEqual(
      expect.objectContaining({ nodeId: 'node', field: 'schedule.timezone', code: 'invalid-timezone' }),
    );
  });
});
