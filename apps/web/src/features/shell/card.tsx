import type { ReactNode } from 'react';
import ui from './ui.module.css';

/** A titled part of a page; its heading (`headingId`) names the section for assistive technology. */
export function Card({
  title,
  headingId,
  children,
}: {
  title: string;
  headingId: string;
  children: ReactNode;
}) {
  return (
    <section className={ui.card} aria-labelledby={headingId}>
      <div className={ui.cardHead}>
        <h2 id={headingId}>{title}</h2>
      </div>
      {children}
    </section>
  );
}
