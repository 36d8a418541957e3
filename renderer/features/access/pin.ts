/** What is wrong with a new PIN typed twice, before it goes to main (which checks again). */
export type PinEntryProblem = 'format' | 'mismatch';

export const PIN_PATTERN = /^\d{4,8}$/;

export function newPinProblem(first: string, second: string): PinEntryProblem | null {
  if (!PIN_PATTERN.test(first)) return 'format';
  return first === second ? null : 'mismatch';
}

/** Only digits, at most 8: what a PIN field keeps of what was typed or pasted. */
export function pinDigits(typed: string): string {
  return typed.replace(/\D/g, '').slice(0, 8);
}
