import type { ReactNode } from 'react';
import ui from './ui.module.css';

/** A column's heading; `{ hidden }` is read out but not shown, as over a column of buttons. */
export type Column = string | { hidden: string };

export interface DataTableProps {
  columns: readonly Column[];
  /** Names the table for assistive technology; not shown. */
  caption?: string;
  /** The rows (`<tr>`). */
  children: ReactNode;
}

/** A table with a heading per column; it scrolls sideways when the page is narrower than it. */
export function DataTable({ columns, caption, children }: DataTableProps) {
  return (
    <div className={ui.tableWrap}>
      <table>
        {caption ? <caption className="visually-hidden">{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((column) =>
              typeof column === 'string' ? (
                <th key={column} scope="col">
                  {column}
                </th>
              ) : (
                <th key={column.hidden} scope="col">
                  <span className="visually-hidden">{column.hidden}</span>
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
