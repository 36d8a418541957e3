/**
 * Targets beside the figures: every table says, row by row, what each figure should be and
 * whether it was met or missed, so a reader does not compare by hand. A bench still never fails
 * on a figure (this machine is shared); the marks are what a quiet run is read against.
 */

export interface Target {
  /** As printed: "≤ 150". */
  text: string;
  met(value: number): boolean;
}

export const atMost = (limit: number): Target => ({ text: limit === 0 ? '= 0' : `≤ ${limit}`, met: (value) => value <= limit });
export const atLeast = (limit: number): Target => ({ text: `≥ ${limit}`, met: (value) => value >= limit });

/** One figure held to one target: `what` names it as the table's reader knows it. */
export interface Check {
  what: string;
  value: number;
  target: Target;
}

export type Mark = 'met' | 'missed' | 'no figure';

export function markOf(check: Check): Mark {
  if (!Number.isFinite(check.value)) return 'no figure';
  return check.target.met(check.value) ? 'met' : 'missed';
}

const shown = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(Math.abs(value) < 10 ? 2 : 1));

/** "p50 − floor ≤ 150; p95 − p50 ≤ 100", or "–" where a row has no target. */
export function targetCell(checks: readonly Check[]): string {
  return checks.length ? checks.map((c) => `${c.what} ${c.target.text}`).join('; ') : '–';
}

/** "met", or each miss with its figure ("missed: p50 − floor 173"), and any figure that is missing. */
export function markCell(checks: readonly Check[]): string {
  if (!checks.length) return '–';
  const missed = checks.filter((c) => markOf(c) === 'missed');
  const absent = checks.filter((c) => markOf(c) === 'no figure');
  const parts = [
    ...(missed.length ? [`missed: ${missed.map((c) => `${c.what} ${shown(c.value)}`).join(', ')}`] : []),
    ...(absent.length ? [`no figure: ${absent.map((c) => c.what).join(', ')}`] : []),
  ];
  return parts.length ? parts.join('; ') : 'met';
}

/** "173 (target ≤ 150: missed)": a figure in a sentence, with its target and mark. */
export function judged(figure: string, check: Check): string {
  return `${figure} (target ${check.target.text}: ${markOf(check)})`;
}

/** The table's rows with a target and a met column, and one line counting the marks. */
export function withTargets(header: string[], rows: string[][], checks: readonly (readonly Check[])[], extra: readonly Check[] = []) {
  const all = [...checks.flat(), ...extra];
  const count = (mark: Mark) => all.filter((c) => markOf(c) === mark).length;
  const tally = all.length
    ? `Targets: ${count('met')} met, ${count('missed')} missed${count('no figure') ? `, ${count('no figure')} without a figure` : ''}.`
    : 'Targets: none set for these figures.';
  return {
    header: [...header, 'target', 'met?'],
    rows: rows.map((row, i) => [...row, targetCell(checks[i] ?? []), markCell(checks[i] ?? [])]),
    tally,
  };
}
