'use client';

import { type FormEvent, type ReactNode, useState } from 'react';
import { ErrorNotice } from './error-notice';
import { fieldErrors } from './field-errors';
import { DialogActions, Modal } from './modal';
import type { Mutation } from './mutation';
import ui from './ui.module.css';

export interface EditDialogProps<T extends { id: string }, D, V> {
  /** The row being edited; null while the dialog is closed. */
  row: T | null;
  title: string;
  /** Saves the draft; its refusal shows in the dialog. */
  mutation: Mutation<V>;
  /** The form's starting values. */
  draftOf(row: T): D;
  /** The mutation's input for the row and the edited draft. */
  variables(row: T, draft: D): V;
  /** Over a refusal, like "Could not save the trunk". */
  errorTitle: string;
  onClose(): void;
  /** The fields; `errors` are the server's problems by field. */
  children(draft: D, setDraft: (draft: D) => void, errors: Map<string, string>): ReactNode;
}

/**
 * Edits one row in a dialog: fields over a draft of the row, the server's refusal, Cancel and Save.
 * Saving or closing forgets the refusal, so the next row opened starts clean.
 */
export function EditDialog<T extends { id: string }, D, V>(props: EditDialogProps<T, D, V>) {
  const { row, title, mutation, onClose } = props;
  const close = () => {
    if (mutation.isPending) return;
    mutation.reset();
    onClose();
  };
  const saved = () => {
    mutation.reset();
    onClose();
  };
  return (
    <Modal open={row !== null} title={title} onClose={close}>
      {row ? <DraftForm key={row.id} {...props} row={row} onCancel={close} onSaved={saved} /> : null}
    </Modal>
  );
}

interface DraftFormProps<T extends { id: string }, D, V> extends EditDialogProps<T, D, V> {
  row: T;
  onCancel(): void;
  onSaved(): void;
}

function DraftForm<T extends { id: string }, D, V>(props: DraftFormProps<T, D, V>) {
  const { row, mutation, draftOf, variables, errorTitle, onCancel, onSaved, children } = props;
  const [draft, setDraft] = useState(() => draftOf(row));
  const errors = fieldErrors(mutation.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    mutation.mutate(variables(row, draft), { onSuccess: onSaved });
  };
  return (
    <form className={ui.form} onSubmit={submit}>
      {children(draft, setDraft, errors)}
      <ErrorNotice error={mutation.error} title={errorTitle} listProblems={errors.size === 0} />
      <DialogActions label="Save" pendingLabel="Saving…" pending={mutation.isPending} onCancel={onCancel} />
    </form>
  );
}
