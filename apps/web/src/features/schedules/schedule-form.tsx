'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { type FormEvent, useMemo, useState } from 'react';
import { useTRPC } from '../../trpc/client';
import { Card } from '../shell/card';
import { ErrorNotice } from '../shell/error-notice';
import { fieldErrors } from '../shell/field-errors';
import { FormField, TextField } from '../shell/form-field';
import { useTenant } from '../shell/tenant-context';
import ui from '../shell/ui.module.css';
import { DatedDays } from './dated-days';
import { type Interval, Intervals } from './intervals';
import styles from './schedules.module.css';
import { DAY_NAMES, DAYS, type Day } from './summary';

interface Holiday {
  date: string;
  name: string;
  everyYear: boolean;
}
interface SpecialDay {
  date: string;
  name: string;
  hours: Interval[];
}

const NINE_TO_FIVE: Interval[] = [{ open: '09:00', close: '17:00' }];
const initialWeek = (): Record<Day, Interval[]> => ({
  mon: NINE_TO_FIVE,
  tue: NINE_TO_FIVE,
  wed: NINE_TO_FIVE,
  thu: NINE_TO_FIVE,
  fri: NINE_TO_FIVE,
  sat: [],
  sun: [],
});

/** A new schedule: hours per weekday, holidays (optionally every year) and special days. */
export function ScheduleForm() {
  const trpc = useTRPC();
  const tenant = useTenant();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [timezone, setTimezone] = useState('');
  const [weekly, setWeekly] = useState(initialWeek);
  const [holidays, setHolidays] = useState<Holiday[]>([]);
  const [specialDays, setSpecialDays] = useState<SpecialDay[]>([]);
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);
  const create = useMutation(
    trpc.schedules.create.mutationOptions({
      onSuccess: () => {
        setName('');
        setWeekly(initialWeek());
        setHolidays([]);
        setSpecialDays([]);
        void queryClient.invalidateQueries(trpc.schedules.list.queryFilter());
      },
    }),
  );
  const errors = fieldErrors(create.error);
  // The paths some control shows; RestOfErrors lists the others. Intervals and DatedDays take theirs
  // while they render, which React does before RestOfErrors, as it comes after them in the form.
  const listed = new Set<string>();
  const take = (path: string) => {
    listed.add(path);
    return errors.get(path);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const week = Object.fromEntries(DAYS.filter((d) => weekly[d].length > 0).map((d) => [d, weekly[d]]));
    create.mutate({
      tenantId: tenant.id,
      name,
      definition: {
        kind: 'inline',
        ...(timezone.trim() ? { timezone: timezone.trim() } : {}),
        weekly: week,
        holidays,
        specialDays,
      },
    });
  };

  return (
    <Card title="New schedule" headingId="new-schedule-heading">
      <form className={`${ui.cardBody} ${ui.form}`} onSubmit={submit} aria-label="New schedule" noValidate>
        <div className={ui.formRow}>
          <TextField
            id="schedule-name"
            label="Name"
            error={take('name')}
            announce
            value={name}
            onChange={setName}
            required
            maxLength={200}
            placeholder="Support hours"
          />
          <FormField
            id="schedule-timezone"
            label="Timezone"
            error={take('definition.timezone')}
            help="Empty: the timezone of the flow using it"
            announce
          >
            {(control) => (
              <>
                <input
                  {...control}
                  className={ui.input}
                  value={timezone}
                  onChange={(e) => setTimezone(e.target.value)}
                  list="schedule-timezones"
                  placeholder="Europe/London"
                />
                <datalist id="schedule-timezones">
                  {zones.map((z) => (
                    <option key={z} value={z} />
                  ))}
                </datalist>
              </>
            )}
          </FormField>
        </div>

        <fieldset className={ui.fieldset}>
          <legend>Weekly hours</legend>
          <p className={ui.fieldHelp} style={{ margin: '0 0 6px' }}>
            24-hour HH:MM; closing may be 24:00. A day without hours is closed.
          </p>
          <div className={styles.week}>
            {DAYS.map((day) => (
              <div key={day} className={styles.day}>
                <span className={styles.dayName}>{DAY_NAMES[day]}</span>
                <Intervals
                  idPrefix={`weekly-${day}`}
                  label={DAY_NAMES[day]}
                  hours={weekly[day]}
                  onChange={(hours) => setWeekly((w) => ({ ...w, [day]: hours }))}
                  error={(i, end) => take(`definition.weekly.${day}.${i}.${end}`)}
                  closedText="Closed"
                />
              </div>
            ))}
          </div>
          <button
            type="button"
            className={`${ui.button} ${ui.small}`}
            style={{ marginTop: 6 }}
            onClick={() => setWeekly((w) => ({ ...w, tue: w.mon, wed: w.mon, thu: w.mon, fri: w.mon }))}
          >
            Copy Monday to Tuesday–Friday
          </button>
        </fieldset>

        <DatedDays
          legend="Holidays (closed all day)"
          noun="holiday"
          idPrefix="holiday"
          errorPath="definition.holidays"
          namePlaceholder="Christmas Day"
          days={holidays}
          onChange={setHolidays}
          blank={{ date: '', name: '', everyYear: false }}
          error={take}
        >
          {(holiday, change) => (
            <label className={ui.check} style={{ marginTop: 26 }}>
              <input
                type="checkbox"
                checked={holiday.everyYear}
                onChange={(e) => change({ everyYear: e.target.checked })}
              />
              Every year
            </label>
          )}
        </DatedDays>

        <DatedDays
          legend="Special days (their own hours)"
          noun="special day"
          idPrefix="special"
          errorPath="definition.specialDays"
          namePlaceholder="Christmas Eve"
          days={specialDays}
          onChange={setSpecialDays}
          blank={{ date: '', name: '', hours: [{ open: '10:00', close: '14:00' }] }}
          error={take}
        >
          {(special, change, i) => (
            <div className={ui.field}>
              <span className={ui.fieldLabel}>Hours</span>
              <Intervals
                idPrefix={`special-${i}`}
                label={`special day ${i + 1}`}
                hours={special.hours}
                onChange={(hours) => change({ hours })}
                error={(k, end) => take(`definition.specialDays.${i}.hours.${k}.${end}`)}
                closedText="Closed all day"
              />
            </div>
          )}
        </DatedDays>

        <RestOfErrors errors={errors} listed={listed} />
        <ErrorNotice error={create.error} title="The schedule was not created" listProblems={false} />
        <div className={ui.toolbar}>
          <button
            type="submit"
            className={ui.primary}
            disabled={create.isPending}
            aria-busy={create.isPending}
          >
            <Plus size={14} aria-hidden="true" />
            {create.isPending ? 'Creating…' : 'Create schedule'}
          </button>
          {create.isSuccess ? (
            <span role="status" className="muted">
              Created {create.data.name}.
            </span>
          ) : null}
        </div>
      </form>
    </Card>
  );
}

/** Problems whose field no control shows (a path this form does not know), so none goes unseen. */
function RestOfErrors({ errors, listed }: { errors: Map<string, string>; listed: Set<string> }) {
  const rest = [...errors].filter(([path]) => !listed.has(path));
  if (rest.length === 0) return null;
  return (
    <ul className={ui.fieldError} style={{ margin: 0 }}>
      {rest.map(([path, message]) => (
        <li key={path}>
          {path ? `${path}: ` : ''}
          {message}
        </li>
      ))}
    </ul>
  );
}
