/**
 * What the audit says about a configuration change: which fields changed, by name only. An
 * address or a password is a setting, not history: it never goes into the audit.
 */
export function changedFields<T extends object>(before: T, after: T): string {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])] as (keyof T)[];
  const changed = keys.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  return changed.length === 0 ? 'nothing' : changed.map((key) => String(key).replace(/Sealed$/, '')).join(', ');
}
