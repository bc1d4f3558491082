'use client';

import type { ReactNode } from 'react';
import { type Column, DataTable } from './data-table';
import { ErrorNotice } from './error-notice';
import { Loading } from './spinner';

/** What a page needs of a list's query; tanstack's `useQuery` result is one. */
export interface ListQuery<T> {
  data?: T[] | undefined;
  isPending: boolean;
  error: unknown;
  refetch(): unknown;
}

/** Why a list did not load, with Try again; nothing while it loads or once it has. */
export function LoadError({ query, title }: { query: ListQuery<unknown>; title: string }) {
  return <ErrorNotice error={query.error} title={title} onRetry={() => void query.refetch()} />;
}

export interface QueryListProps<T> {
  query: ListQuery<T>;
  /** What is loading, for "Loading queues…". */
  what: string;
  /** Said when the list has no rows. */
  empty: ReactNode;
  children(rows: T[]): ReactNode;
}

/**
 * A list's states: a spinner while it loads, `empty` when it has no rows, else its rows. A list that
 * failed shows nothing here: `LoadError` says why.
 */
export function QueryList<T>({ query, what, empty, children }: QueryListProps<T>) {
  if (query.isPending) return <Loading what={what} />;
  if (!query.data) return null;
  if (query.data.length === 0) return <p className="empty">{empty}</p>;
  return children(query.data);
}

export interface QueryTableProps<T> extends Omit<QueryListProps<T>, 'children'> {
  columns: readonly Column[];
  caption?: string;
  /** One row's `<tr>`, with its key. */
  children(row: T): ReactNode;
}

/** A list's query as a table, with the list's states (`QueryList`). */
export function QueryTable<T>({ columns, caption, children, ...list }: QueryTableProps<T>) {
  return (
    <QueryList {...list}>
      {(rows) => (
        <DataTable columns={columns} caption={caption}>
          {rows.map(children)}
        </DataTable>
      )}
    </QueryList>
  );
}
