'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Plus, X } from 'lucide-react';
import { type FormEvent, type ReactNode, useMemo, useState } from 'react';
import { useTRPC } from '../../trpc/client';
import { ErrorNotice } from '../shell/error-notice';
import { fieldErrors } from '../shell/field-errors';
import { useTenant } from '../shell/tenant-context';
import ui from '../shell/ui.module.css';
import styles from './schedules.module.css';
import { DAY_NAMES, DAYS, type Day } from './summary';

interface Interval {
  open: string;
  close: string;
}
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
  const err = (path: string) => errors.get(path);
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

  const setDay = (day: Day, hours: Interval[]) => setWeekly((w) => ({ ...w, [day]: hours }));
  const form = (
    <form className={`${ui.cardBody} ${ui.form}`} onSubmit={submit} aria-label="New schedule" noValidate>
      <div className={ui.formRow}>
        <Field id="schedule-name" label="Name" error={take('name')}>
          <input
            id="schedule-name"
            className={ui.input}
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={200}
            placeholder="Support hours"
            aria-invalid={err('name') ? true : undefined}
          />
        </Field>
        <Field
          id="schedule-timezone"
          label="Timezone"
          error={take('definition.timezone')}
          help="Empty: the timezone of the flow using it"
        >
          <input
            id="schedule-timezone"
            className={ui.input}
            value={timezone}
            onChange={(e) => setTimezone(e.target.value)}
            list="schedule-timezones"
            placeholder="Europe/London"
            aria-invalid={err('definition.timezone') ? true : undefined}
          />
          <datalist id="schedule-timezones">
            {zones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        </Field>
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
                onChange={(h) => setDay(day, h)}
                error={(i, k) => take(`definition.weekly.${day}.${i}.${k}`)}
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

      <fieldset className={ui.fieldset}>
        <legend>Holidays (closed all day)</legend>
        {holidays.length === 0 ? (
          <p className="muted" style={{ margin: '0 0 6px' }}>
            None.
          </p>
        ) : null}
        {holidays.map((h, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and removed by index
          <div key={i} className={ui.formRow} style={{ marginBottom: 6 }}>
            <Field id={`holiday-${i}-date`} label="Date" error={take(`definition.holidays.${i}.date`)}>
              <input
                id={`holiday-${i}-date`}
                type="date"
                className={ui.input}
                value={h.date}
                onChange={(e) =>
                  setHolidays((l) => l.map((x, j) => (j === i ? { ...x, date: e.target.value } : x)))
                }
                aria-invalid={err(`definition.holidays.${i}.date`) ? true : undefined}
              />
            </Field>
            <Field id={`holiday-${i}-name`} label="Name" error={take(`definition.holidays.${i}.name`)}>
              <input
                id={`holiday-${i}-name`}
                className={ui.input}
                value={h.name}
                maxLength={100}
                placeholder="Christmas Day"
                onChange={(e) =>
                  setHolidays((l) => l.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))
                }
              />
            </Field>
            <label className={ui.check} style={{ marginTop: 26 }}>
              <input
                type="checkbox"
                checked={h.everyYear}
                onChange={(e) =>
                  setHolidays((l) => l.map((x, j) => (j === i ? { ...x, everyYear: e.target.checked } : x)))
                }
              />
              Every year
            </label>
            <button
              type="button"
              className={`${ui.button} ${ui.small}`}
              onClick={() => setHolidays((l) => l.filter((_, j) => j !== i))}
              aria-label={`Remove holiday ${i + 1}`}
              style={{ marginTop: 24 }}
            >
              <X size={12} aria-hidden="true" />
            </button>
          </div>
        ))}
        <button
          type="button"
          className={`${ui.button} ${ui.small}`}
          onClick={() => setHolidays((l) => [...l, { date: '', name: '', everyYear: false }])}
        >
          <Plus size={12} aria-hidden="true" />
          Add holiday
        </button>
      </fieldset>

      <fieldset className={ui.fieldset}>
        <legend>Special days (their own hours)</legend>
        {specialDays.length === 0 ? (
          <p className="muted" style={{ margin: '0 0 6px' }}>
            None.
          </p>
        ) : null}
        {specialDays.map((d, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and removed by index
          <div key={i} className={ui.formRow} style={{ marginBottom: 8, alignItems: 'flex-start' }}>
            <Field id={`special-${i}-date`} label="Date" error={take(`definition.specialDays.${i}.date`)}>
              <input
                id={`special-${i}-date`}
                type="date"
                className={ui.input}
                value={d.date}
                onChange={(e) =>
                  setSpecialDays((l) => l.map((x, j) => (j === i ? { ...x, date: e.target.value } : x)))
                }
                aria-invalid={err(`definition.specialDays.${i}.date`) ? true : undefined}
              />
            </Field>
            <Field id={`special-${i}-name`} label="Name" error={take(`definition.specialDays.${i}.name`)}>
              <input
                id={`special-${i}-name`}
                className={ui.input}
                value={d.name}
                maxLength={100}
                placeholder="Christmas Eve"
                onChange={(e) =>
                  setSpecialDays((l) => l.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))
                }
              />
            </Field>
            <div className={ui.field}>
              <span className={ui.fieldLabel}>Hours</span>
              <Intervals
                idPrefix={`special-${i}`}
                label={`special day ${i + 1}`}
                hours={d.hours}
                onChange={(hours) => setSpecialDays((l) => l.map((x, j) => (j === i ? { ...x, hours } : x)))}
                error={(k, f) => take(`definition.specialDays.${i}.hours.${k}.${f}`)}
                closedText="Closed all day"
              />
            </div>
            <button
              type="button"
              className={`${ui.button} ${ui.small}`}
              onClick={() => setSpecialDays((l) => l.filter((_, j) => j !== i))}
              aria-label={`Remove special day ${i + 1}`}
              style={{ marginTop: 22 }}
            >
              <X size={12} aria-hidden="true" />
            </button>
          </div>
        ))}
        <button
          type="button"
          className={`${ui.button} ${ui.small}`}
          onClick={() =>
            setSpecialDays((l) => [...l, { date: '', name: '', hours: [{ open: '10:00', close: '14:00' }] }])
          }
        >
          <Plus size={12} aria-hidden="true" />
          Add special day
        </button>
      </fieldset>

      <RestOfErrors errors={errors} listed={listed} />
      {create.error ? (
        <ErrorNotice error={create.error} title="The schedule was not created" listProblems={false} />
      ) : null}
      <div className={ui.toolbar}>
        <button type="submit" className={ui.primary} disabled={create.isPending} aria-busy={create.isPending}>
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
  );
  return (
    <section className={ui.card} aria-labelledby="new-schedule-heading">
      <div className={ui.cardHead}>
        <h2 id="new-schedule-heading">New schedule</h2>
      </div>
      {form}
    </section>
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

function Field({
  id,
  label,
  error,
  help,
  children,
}: {
  id: string;
  label: string;
  error: string | undefined;
  help?: string;
  children: ReactNode;
}) {
  return (
    <div className={ui.field}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? (
        <span className={ui.fieldError} role="alert">
          {error}
        </span>
      ) : help ? (
        <span className={ui.fieldHelp}>{help}</span>
      ) : null}
    </div>
  );
}

function Intervals({
  idPrefix,
  label,
  hours,
  onChange,
  error,
  closedText,
}: {
  idPrefix: string;
  label: string;
  hours: Interval[];
  onChange(hours: Interval[]): void;
  error(index: number, field: 'open' | 'close'): string | undefined;
  closedText: string;
}) {
  const set = (i: number, field: 'open' | 'close', value: string) =>
    onChange(hours.map((h, j) => (j === i ? { ...h, [field]: value } : h)));
  return (
    <div className={styles.intervals}>
      {hours.length === 0 ? <span className="muted">{closedText}</span> : null}
      {hours.map((h, i) => {
        const openError = error(i, 'open');
        const closeError = error(i, 'close');
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: intervals are edited in place and removed by index
          <span key={i} className={styles.interval}>
            <label className="visually-hidden" htmlFor={`${idPrefix}-${i}-open`}>
              {label} opens
            </label>
            <input
              id={`${idPrefix}-${i}-open`}
              className={`${ui.input} ${styles.time}`}
              value={h.open}
              onChange={(e) => set(i, 'open', e.target.value)}
              placeholder="09:00"
              inputMode="numeric"
              aria-invalid={openError ? true : undefined}
            />
            –
            <label className="visually-hidden" htmlFor={`${idPrefix}-${i}-close`}>
              {label} closes
            </label>
            <input
              id={`${idPrefix}-${i}-close`}
              className={`${ui.input} ${styles.time}`}
              value={h.close}
              onChange={(e) => set(i, 'close', e.target.value)}
              placeholder="17:00"
              inputMode="numeric"
              aria-invalid={closeError ? true : undefined}
            />
            <button
              type="button"
              className={`${ui.button} ${ui.small}`}
              onClick={() => onChange(hours.filter((_, j) => j !== i))}
              aria-label={`Remove ${label} hours ${h.open}–${h.close}`}
            >
              <X size={12} aria-hidden="true" />
            </button>
            {openError || closeError ? (
              <span className={ui.fieldError} role="alert">
                {[openError, closeError].filter(Boolean).join('; ')}
              </span>
            ) : null}
          </span>
        );
      })}
      <button
        type="button"
        className={`${ui.button} ${ui.small}`}
        onClick={() =>
          onChange([
            ...hours,
            hours.length === 0 ? { open: '09:00', close: '17:00' } : { open: '', close: '' },
          ])
        }
        aria-label={`Add hours to ${label}`}
      >
        <Plus size={12} aria-hidden="true" />
        Hours
      </button>
    </div>
  );
}
