import type { InputHTMLAttributes, ReactNode } from 'react';
import ui from './ui.module.css';

/** What a field's control carries: its id, whether it is invalid, and what describes it. */
export interface FieldControl {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

export interface FormFieldProps {
  /** The control's id, which the label points at. */
  id: string;
  label: ReactNode;
  /** The server's problem with the value; shown instead of the help, and marks the control invalid. */
  error?: string | undefined;
  help?: ReactNode;
  /** Read the error out as it appears (`role="alert"`), in a form with no checks before it is sent. */
  announce?: boolean;
  /** The control, spread with `control`. */
  children(control: FieldControl): ReactNode;
}

/** A labelled control with its error, or else its help, under it and tied to it. */
export function FormField({ id, label, error, help, announce, children }: FormFieldProps) {
  const message = error ?? help;
  const messageId = `${id}-help`;
  return (
    <div className={ui.field}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': message ? messageId : undefined,
      })}
      {message ? (
        <span
          id={messageId}
          className={error ? ui.fieldError : ui.fieldHelp}
          role={error && announce ? 'alert' : undefined}
        >
          {message}
        </span>
      ) : null}
    </div>
  );
}

export interface TextFieldProps
  extends Omit<FormFieldProps, 'children'>,
    Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'className' | 'children'> {
  value: string;
  onChange(value: string): void;
  /** Monospaced, for numbers, addresses and ids. */
  mono?: boolean;
}

/** A `FormField` with an input for text (or a date, a number) typed as a string. */
export function TextField(props: TextFieldProps) {
  const { id, label, error, help, announce, value, onChange, mono, ...input } = props;
  return (
    <FormField id={id} label={label} error={error} help={help} announce={announce}>
      {(control) => (
        <input
          {...input}
          {...control}
          className={mono ? `${ui.input} ${ui.mono}` : ui.input}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </FormField>
  );
}
