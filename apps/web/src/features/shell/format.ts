const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** A date-time in the viewer's locale and timezone, like "3 Mar 2026, 14:05". */
export function formatDateTime(date: Date | string): string {
  return absolute.format(typeof date === 'string' ? new Date(date) : date);
}

/** How long ago, like "2 minutes ago"; the absolute time belongs in a title next to it. */
export function formatAgo(date: Date | string, now = Date.now()): string {
  const ms = (typeof date === 'string' ? Date.parse(date) : date.getTime()) - now;
  const abs = Math.abs(ms);
  if (abs < 45_000) return 'just now';
  if (abs < 3_600_000) return relative.format(Math.round(ms / 60_000), 'minute');
  if (abs < 86_400_000) return relative.format(Math.round(ms / 3_600_000), 'hour');
  if (abs < 30 * 86_400_000) return relative.format(Math.round(ms / 86_400_000), 'day');
  return formatDateTime(date);
}

/** Bytes as people read them: 812 B, 14.2 KB, 1.3 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A length of audio as a clock reads it: 0:07, 1:42, 12:05. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
