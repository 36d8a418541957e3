/**
 * Named operators: who they are to the records, how a household's report names them, and how an
 * unlock finds one by what the officer typed. Pure.
 */
import type { OperatorView, Person, ReportNameStyle } from '../../preload/api.js';
import type { StoredOperator } from './model.js';

export function personOf(operator: StoredOperator): Person {
  return { id: operator.id, name: operator.name, badge: operator.badge, unit: operator.unit };
}

export function toOperatorView(operator: StoredOperator): OperatorView {
  return { ...personOf(operator), admin: operator.admin, disabled: operator.disabled };
}

/** The operator an unlock names, by id (chosen from the list) or badge (typed); never a disabled one. */
export function findOperator(operators: readonly StoredOperator[], who: string): StoredOperator | null {
  const typed = who.trim().toLowerCase();
  return operators.find((o) => !o.disabled && (o.id === who || o.badge.toLowerCase() === typed)) ?? null;
}

/** Another operator already carries this badge: the unlock could not tell them apart. */
export function badgeTaken(operators: readonly StoredOperator[], badge: string, exceptId: string | null): boolean {
  const typed = badge.trim().toLowerCase();
  return operators.some((o) => o.id !== exceptId && o.badge.toLowerCase() === typed);
}

/**
 * The name as the household report prints it: the surname stays, the rest is starred (张三丰 → 张**),
 * so a family learns which officer's office looked without the officer's full name leaving it.
 */
export function reportName(name: string, style: ReportNameStyle): string {
  if (style === 'full') return name;
  const letters = [...name.trim()];
  if (letters.length <= 1) return letters.join('');
  // A name in Latin letters keeps its first word's initial: "Zhang San" → "Z*** ***".
  return letters[0] + letters.slice(1).map((c) => (c === ' ' ? ' ' : '*')).join('');
}
