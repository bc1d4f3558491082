import { Plus, X } from 'lucide-react';
import ui from '../shell/ui.module.css';
import styles from './schedules.module.css';

/** Opening hours within one day, as typed: 24-hour HH:MM. */
export interface Interval {
  open: string;
  close: string;
}

type End = keyof Interval;

export interface IntervalsProps {
  /** Prefixes the inputs' ids: `weekly-mon-0-open`. */
  idPrefix: string;
  /** The day, in the labels read out: "Mon opens", "Add hours to Mon". */
  label: string;
  hours: Interval[];
  onChange(hours: Interval[]): void;
  /** The server's problem with one end of one interval. */
  error(index: number, end: End): string | undefined;
  /** Said when the day has no hours. */
  closedText: string;
}

/** The opening hours of a weekday or a special day: open–close pairs, each removable, and one more. */
export function Intervals({ idPrefix, label, hours, onChange, error, closedText }: IntervalsProps) {
  return (
    <div className={styles.intervals}>
      {hours.length === 0 ? <span className="muted">{closedText}</span> : null}
      {hours.map((h, i) => {
        const openError = error(i, 'open');
        const closeError = error(i, 'close');
        const time = (end: End, placeholder: string, invalid: string | undefined) => (
          <TimeInput
            id={`${idPrefix}-${i}-${end}`}
            label={`${label} ${end === 'open' ? 'opens' : 'closes'}`}
            value={h[end]}
            placeholder={placeholder}
            invalid={Boolean(invalid)}
            onChange={(value) => onChange(hours.map((x, j) => (j === i ? { ...x, [end]: value } : x)))}
          />
        );
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: intervals are edited in place and removed by index
          <span key={i} className={styles.interval}>
            {time('open', '09:00', openError)}–{time('close', '17:00', closeError)}
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

/** One end of an interval; its label is read out, not shown (the row says which day it is). */
function TimeInput(props: {
  id: string;
  label: string;
  value: string;
  placeholder: string;
  invalid: boolean;
  onChange(value: string): void;
}) {
  const { id, label, value, placeholder, invalid, onChange } = props;
  return (
    <>
      <label className="visually-hidden" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className={`${ui.input} ${styles.time}`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={placeholder}
        inputMode="numeric"
        aria-invalid={invalid ? true : undefined}
      />
    </>
  );
}
