import type { ReactNode } from 'react';
import ui from './ui.module.css';

export interface PageProps {
  title: string;
  /** What the page is for, in a sentence beside the title. */
  lead?: ReactNode;
  /** Filters and buttons, at the right of the title. */
  tools?: ReactNode;
  children: ReactNode;
}

/** A page of the signed-in app: its title, what it is for, its tools, then its content. */
export function Page({ title, lead, tools, children }: PageProps) {
  return (
    <div className={ui.page}>
      <div className={ui.pageHead}>
        <h1>{title}</h1>
        {lead ? <p className="muted">{lead}</p> : null}
        {tools ? (
          <>
            <span className={ui.grow} />
            {tools}
          </>
        ) : null}
      </div>
      {children}
    </div>
  );
}
