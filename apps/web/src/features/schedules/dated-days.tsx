import { Plus, X } from 'lucide-react';
import type { ReactNode } from 'react';
import { TextField } from '../shell/form-field';
import ui from '../shell/ui.module.css';

/** What holidays and special days have in common. */
interface DatedDay {
  date: string;
  name: string;
}

export interface DatedDaysProps<T extends DatedDay> {
  legend: string;
  /** One of them, in "Add holiday" and "Remove holiday 2". */
  noun: string;
  /** Prefixes the inputs' ids: `holiday-0-date`. */
  idPrefix: string;
  /** Where the server reports their problems: `definition.holidays`. */
  errorPath: string;
  namePlaceholder: string;
  days: T[];
  onChange(days: T[]): void;
  /** What "Add" appends. */
  blank: T;
  /** The server's problem at a path, like `definition.holidays.0.date`. */
  error(path: string): string | undefined;
  /** The fields a day has besides its date and name. */
  children(day: T, change: (patch: Partial<T>) => void, index: number): ReactNode;
}

/** A schedule's list of dates (holidays, special days): one row each with its date and name, and Add. */
export function DatedDays<T extends DatedDay>(props: DatedDaysProps<T>) {
  const { legend, noun, idPrefix, errorPath, namePlaceholder, days, onChange, blank, error, children } =
    props;
  return (
    <fieldset className={ui.fieldset}>
      <legend>{legend}</legend>
      {days.length === 0 ? (
        <p className="muted" style={{ margin: '0 0 6px' }}>
          None.
        </p>
      ) : null}
      {days.map((day, i) => {
        const change = (patch: Partial<DatedDay> | Partial<T>) =>
          onChange(days.map((d, j) => (j === i ? { ...d, ...patch } : d)));
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and removed by index
          <div key={i} className={ui.formRow} style={{ marginBottom: 6 }}>
            <TextField
              id={`${idPrefix}-${i}-date`}
              label="Date"
              error={error(`${errorPath}.${i}.date`)}
              announce
              type="date"
              value={day.date}
              onChange={(date) => change({ date })}
            />
            <TextField
              id={`${idPrefix}-${i}-name`}
              label="Name"
              error={error(`${errorPath}.${i}.name`)}
              announce
              value={day.name}
              maxLength={100}
              placeholder={namePlaceholder}
              onChange={(name) => change({ name })}
            />
            {children(day, change, i)}
            <button
              type="button"
              className={`${ui.button} ${ui.small}`}
              onClick={() => onChange(days.filter((_, j) => j !== i))}
              aria-label={`Remove ${noun} ${i + 1}`}
              style={{ marginTop: 24 }}
            >
              <X size={12} aria-hidden="true" />
            </button>
          </div>
        );
      })}
      <button type="button" className={`${ui.button} ${ui.small}`} onClick={() => onChange([...days, blank])}>
        <Plus size={12} aria-hidden="true" />
        Add {noun}
      </button>
    </fieldset>
  );
}
