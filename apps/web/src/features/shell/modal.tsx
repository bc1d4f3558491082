'use client';

import { type ReactNode, useEffect, useId, useRef } from 'react';
import ui from './ui.module.css';

export interface ModalProps {
  open: boolean;
  title: string;
  /** Escape, the backdrop's close and Cancel buttons call this. */
  onClose(): void;
  children: ReactNode;
  /** Wider, for lists. */
  wide?: boolean;
}

/**
 * A native modal `<dialog>`: the browser keeps focus inside it, Escape closes it, and focus returns
 * to where it was.
 */
export function Modal({ open, title, onClose, children, wide }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={ui.dialog}
      style={wide ? { width: 'min(760px, calc(100vw - 32px))' } : undefined}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {open ? (
        <div className={ui.dialogBody}>
          <h2 id={titleId}>{title}</h2>
          {children}
        </div>
      ) : null}
    </dialog>
  );
}

export interface ConfirmProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** Shown on the confirm button while the action runs, like "Unbinding…". */
  pendingLabel: string;
  pending: boolean;
  error?: ReactNode;
  onConfirm(): void;
  onCancel(): void;
}

/** Asks before a destructive action; Cancel has the focus, so Enter does not destroy anything. */
export function ConfirmDialog(props: ConfirmProps) {
  const { open, title, children, confirmLabel, pendingLabel, pending, error, onConfirm, onCancel } = props;
  return (
    <Modal open={open} title={title} onClose={() => !pending && onCancel()}>
      <div>{children}</div>
      {error}
      <div className={ui.dialogActions}>
        {/* biome-ignore lint/a11y/noAutofocus: the safe choice takes the focus in a destructive dialog */}
        <button type="button" className={ui.button} onClick={onCancel} disabled={pending} autoFocus>
          Cancel
        </button>
        <button
          type="button"
          className={ui.dangerSolid}
          onClick={onConfirm}
          disabled={pending}
          aria-busy={pending}
        >
          {pending ? pendingLabel : confirmLabel}
        </button>
      </div>
    </Modal>
  );
}

export interface DialogActionsProps {
  /** The submit button's words, like "Save". */
  label: string;
  /** Its words while the action runs, like "Saving…". */
  pendingLabel: string;
  pending: boolean;
  /** False while the form cannot be sent yet (a required name still empty). */
  ready?: boolean;
  onCancel(): void;
}

/** A dialog form's Cancel and submit buttons; the submit one shows the action's progress. */
export function DialogActions({ label, pendingLabel, pending, ready = true, onCancel }: DialogActionsProps) {
  return (
    <div className={ui.dialogActions}>
      <button type="button" className={ui.button} onClick={onCancel} disabled={pending}>
        Cancel
      </button>
      <button type="submit" className={ui.primary} disabled={pending || !ready} aria-busy={pending}>
        {pending ? pendingLabel : label}
      </button>
    </div>
  );
}
