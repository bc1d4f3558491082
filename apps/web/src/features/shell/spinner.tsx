import { LoaderCircle } from 'lucide-react';
import ui from './ui.module.css';

/** A turning circle; `label` is read out and shown. */
export function Spinner({ label, size = 14 }: { label?: string; size?: number }) {
  return (
    <>
      <LoaderCircle size={size} className={ui.spin} aria-hidden="true" />
      {label ? <span>{label}</span> : null}
    </>
  );
}

/** A whole section waiting for the server. */
export function Loading({ what }: { what: string }) {
  return (
    <p className={ui.loading} role="status">
      <Spinner label={`Loading ${what}…`} />
    </p>
  );
}
