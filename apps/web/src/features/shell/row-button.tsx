'use client';

import type { LucideIcon } from 'lucide-react';
import { type Ability, allows, roleHint, useTenant } from './tenant-context';
import ui from './ui.module.css';

export interface RowButtonProps {
  icon: LucideIcon;
  /** What it does, like "Edit". */
  label: string;
  /** The row it does it to, read out after the label: "Edit Contoso SBC". */
  subject: string;
  /** The ability it needs; without it the button is greyed out and says why. */
  ability: Ability;
  /** Red, for an action that removes the row. */
  danger?: boolean;
  onClick(): void;
}

/** A small button in a table row that acts on that row. */
export function RowButton({ icon: Icon, label, subject, ability, danger, onClick }: RowButtonProps) {
  const allowed = allows(useTenant(), ability);
  return (
    <button
      type="button"
      className={`${danger ? ui.danger : ui.button} ${ui.small}`}
      disabled={!allowed}
      title={allowed ? undefined : roleHint(ability)}
      onClick={onClick}
    >
      <Icon size={12} aria-hidden="true" />
      {label}
      <span className="visually-hidden"> {subject}</span>
    </button>
  );
}
