'use client';

import { formatAgo, formatDateTime } from './format';

/** A time shown as "5 minutes ago", with the exact time on hover and for assistive technology. */
export function When({ at }: { at: Date | string }) {
  const date = typeof at === 'string' ? new Date(at) : at;
  return (
    <time dateTime={date.toISOString()} title={formatDateTime(date)} suppressHydrationWarning>
      {formatAgo(date)}
    </time>
  );
}
