export type AgeUnit = 'seconds' | 'minutes' | 'hours' | 'days';

/** "12 s", "5 min", "3 h", "2 d": coarse enough that a long outage reads at a glance. */
export function ageOf(ms: number): { unit: AgeUnit; value: number } {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return { unit: 'seconds', value: seconds };
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return { unit: 'minutes', value: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { unit: 'hours', value: hours };
  return { unit: 'days', value: Math.floor(hours / 24) };
}
