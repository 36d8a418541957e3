import i18next from 'i18next';

/** A clock time in the interface language's own way ("03:12:45", "3:12:45 AM"). */
export function formatClock(ms: number): string {
  return new Intl.DateTimeFormat(i18next.language || 'zh-CN', { timeStyle: 'medium' }).format(ms);
}

/** A date and time for lists and reports ("2025/6/1 14:03:12"). */
export function formatDateTime(ms: number): string {
  return new Intl.DateTimeFormat(i18next.language || 'zh-CN', { dateStyle: 'short', timeStyle: 'medium' }).format(ms);
}

/** Time gone by on a running clip, "m:ss" ("12:05"). */
export function formatElapsed(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
