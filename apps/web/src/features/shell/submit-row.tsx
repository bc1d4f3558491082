import { Plus } from 'lucide-react';
import type { ReactNode } from 'react';
import ui from './ui.module.css';

/** A create form's submit button with its progress, and what was created once it was. */
export function SubmitRow({
  pending,
  label,
  pendingLabel,
  done,
}: {
  pending: boolean;
  label: string;
  pendingLabel: string;
  /** Said once the last submit succeeded, like "Created Sales.". */
  done?: ReactNode;
}) {
  return (
    <div className={ui.toolbar} style={{ marginTop: 8 }}>
      <button type="submit" className={ui.primary} disabled={pending} aria-busy={pending}>
        <Plus size={14} aria-hidden="true" />
        {pending ? pendingLabel : label}
      </button>
      {done ? (
        <span role="status" className="muted">
          {done}
        </span>
      ) : null}
    </div>
  );
}
