'use client';

import type { ReactNode } from 'react';
import { ErrorNotice } from './error-notice';
import { fieldErrors } from './field-errors';
import { SubmitRow } from './submit-row';
import { type Ability, allows, roleHint, useTenant } from './tenant-context';
import ui from './ui.module.css';

export interface CreateFormProps {
  /** Names the form and heads its fields, like "New queue". */
  legend: string;
  /** The ability creating needs; without it the fields are greyed out and say why. */
  ability: Ability;
  mutation: { isPending: boolean; error: unknown };
  /** Over a refusal, like "Could not create the queue". */
  errorTitle: string;
  /** The submit button's words, like "Create queue". */
  submitLabel: string;
  pendingLabel: string;
  /** Said once the last submit succeeded, like "Created Sales.". */
  done: ReactNode;
  onSubmit(): void;
  /** The fields. */
  children: ReactNode;
}

/** A card's form for adding a row: its fields, Create with progress and result, and the server's refusal. */
export function CreateForm(props: CreateFormProps) {
  const { legend, ability, mutation, errorTitle, submitLabel, pendingLabel, done, onSubmit, children } =
    props;
  const allowed = allows(useTenant(), ability);
  return (
    <form
      className={`${ui.cardBody} ${ui.form}`}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
      aria-label={legend}
      style={{ borderTop: '1px solid var(--border)' }}
    >
      <fieldset className={ui.fieldset} disabled={!allowed} title={allowed ? undefined : roleHint(ability)}>
        <legend>{legend}</legend>
        {children}
        <SubmitRow pending={mutation.isPending} label={submitLabel} pendingLabel={pendingLabel} done={done} />
      </fieldset>
      <ErrorNotice
        error={mutation.error}
        title={errorTitle}
        listProblems={fieldErrors(mutation.error).size === 0}
      />
    </form>
  );
}
