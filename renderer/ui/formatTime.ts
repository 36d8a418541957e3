import i18next from 'i18next';

/**
 * One formatter per language and style, made once: making an Intl.DateTimeFormat loads its
 * locale data each time, and a playback tile's mark and the timeline's ticks format many times
 * a second (at 16× every picture shows another second).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(style: 'clock' | 'dateTime'): Intl.DateTimeFormat {
  const language = i18next.language || 'zh-CN';
  const key = `${language} ${style}`;
  let made = formatters.get(key);
  if (!made) {
    made = new Intl.DateTimeFormat(language, style === 'clock' ? { timeStyle: 'medium' } : { dateStyle: 'short', timeStyle: 'medium' });
    formatters.set(key, made);
  }
  return made;
}

/** A clock time in the interface language's own way ("03:12:45", "3:12:45 AM"). */
export function formatClock(ms: number): string {
  return formatter('clock').format(ms);
}

/** A date and time for lists and reports ("2025/6/1 14:03:12"). */
export function formatDateTime(ms: number): string {
  return formatter('dateTime').format(ms);
}

/** Time gone by on a running clip, "m:ss" ("12:05"). */
export function formatElapsed(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * A time for files an officer hands on: their own local time, with its offset from UTC so the
 * file says which time it is wherever it is read ("2026-12-03 05:40:48 +08:00").
 */
export function formatLocalStamp(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  const east = -d.getTimezoneOffset();
  const offset = `${east < 0 ? '-' : '+'}${two(Math.floor(Math.abs(east) / 60))}:${two(Math.abs(east) % 60)}`;
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())} ${offset}`;
}
