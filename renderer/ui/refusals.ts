/**
 * Main refuses in words of its own (`access:consent_expired`, `pin:wrong`, `evidence:disk_full`);
 * each has a sentence in the catalogues. Kept apart from `field:problem` refusals (FailureText).
 */
import { REFUSALS, type Refusal } from '../../preload/api';
import type { Failure } from '../state/failure';

export const PIN_PROBLEMS = ['wrong', 'locked', 'no_pin'] as const;
export type PinProblem = (typeof PIN_PROBLEMS)[number];

export const EVIDENCE_PROBLEMS = ['disk_full', 'no_permission', 'no_folder', 'camera_not_live', 'ffmpeg_failed', 'copy_exists', 'copy_mismatch', 'not_found'] as const;
export type EvidenceProblem = (typeof EVIDENCE_PROBLEMS)[number];

/** Refusals about named operators (`people:badge_taken`). */
export const PEOPLE_PROBLEMS = ['badge_taken', 'pin_required', 'unknown_operator'] as const;
export type PeopleProblem = (typeof PEOPLE_PROBLEMS)[number];

export type HostSentenceKey = `refusal.${Refusal}` | `pinProblem.${PinProblem}` | `evidenceProblem.${EvidenceProblem}` | `peopleProblem.${PeopleProblem}`;

const NAMESPACES = {
  access: { words: REFUSALS, key: 'refusal' },
  pin: { words: PIN_PROBLEMS, key: 'pinProblem' },
  evidence: { words: EVIDENCE_PROBLEMS, key: 'evidenceProblem' },
  people: { words: PEOPLE_PROBLEMS, key: 'peopleProblem' },
} as const;

/** The catalogue key for one of main's own refusals, or null for any other message. */
export function hostSentenceKey(message: string): HostSentenceKey | null {
  const match = /^(access|pin|evidence|people):([a-z_]+)$/.exec(message);
  if (!match) return null;
  const { words, key } = NAMESPACES[match[1] as keyof typeof NAMESPACES];
  return (words as readonly string[]).includes(match[2]!) ? (`${key}.${match[2]}` as HostSentenceKey) : null;
}

/** Why main would not show a camera or allow an action (`access:<refusal>`), if that is the failure. */
export function refusalOf(failure: Pick<Failure, 'message'> | null): Refusal | null {
  const match = failure ? /^access:([a-z_]+)$/.exec(failure.message) : null;
  return match && (REFUSALS as readonly string[]).includes(match[1]!) ? (match[1] as Refusal) : null;
}
