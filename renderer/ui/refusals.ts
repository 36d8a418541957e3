/**
 * Main refuses in words of its own (`access:consent_expired`, `pin:wrong`, `evidence:disk_full`);
 * each has a sentence in the catalogues. Kept apart from `field:problem` refusals (FailureText).
 */
import { REFUSALS, REMOTE_PROBLEMS, type Refusal, type RemoteProblem } from '../../preload/api';
import type { Failure } from '../state/failure';

export const PIN_PROBLEMS = ['wrong', 'locked', 'no_pin'] as const;
export type PinProblem = (typeof PIN_PROBLEMS)[number];

export const EVIDENCE_PROBLEMS = ['disk_full', 'no_permission', 'no_folder', 'camera_not_live', 'ffmpeg_failed', 'copy_exists', 'copy_mismatch', 'not_found', 'remote_footage'] as const;
export type EvidenceProblem = (typeof EVIDENCE_PROBLEMS)[number];

/** Refusals about named operators (`people:badge_taken`). */
export const PEOPLE_PROBLEMS = ['badge_taken', 'pin_required', 'unknown_operator'] as const;
export type PeopleProblem = (typeof PEOPLE_PROBLEMS)[number];

/** A site's recordings source as typed (`playbackSource:url`). */
export const PLAYBACK_SOURCE_PROBLEMS = ['url', 'scheme', 'credentials', 'path', 'placeholder', 'token_needed'] as const;
export type PlaybackSourceProblem = (typeof PLAYBACK_SOURCE_PROBLEMS)[number];

export type HostSentenceKey =
  | `refusal.${Refusal}`
  | `pinProblem.${PinProblem}`
  | `evidenceProblem.${EvidenceProblem}`
  | `peopleProblem.${PeopleProblem}`
  | `remoteProblem.${RemoteProblem}`
  | `playbackSourceProblem.${PlaybackSourceProblem}`;

const NAMESPACES = {
  access: { words: REFUSALS, key: 'refusal' },
  pin: { words: PIN_PROBLEMS, key: 'pinProblem' },
  evidence: { words: EVIDENCE_PROBLEMS, key: 'evidenceProblem' },
  people: { words: PEOPLE_PROBLEMS, key: 'peopleProblem' },
  remote: { words: REMOTE_PROBLEMS, key: 'remoteProblem' },
  playbackSource: { words: PLAYBACK_SOURCE_PROBLEMS, key: 'playbackSourceProblem' },
} as const;

/** The catalogue key for one of main's own refusals, or null for any other message. */
export function hostSentenceKey(message: string): HostSentenceKey | null {
  const match = /^(access|pin|evidence|people|remote|playbackSource):([a-z_]+)$/.exec(message);
  if (!match) return null;
  const { words, key } = NAMESPACES[match[1] as keyof typeof NAMESPACES];
  return (words as readonly string[]).includes(match[2]!) ? (`${key}.${match[2]}` as HostSentenceKey) : null;
}

/** Why main would not show a camera or allow an action (`access:<refusal>`), if that is the failure. */
export function refusalOf(failure: Pick<Failure, 'message'> | null): Refusal | null {
  const match = failure ? /^access:([a-z_]+)$/.exec(failure.message) : null;
  return match && (REFUSALS as readonly string[]).includes(match[1]!) ? (match[1] as Refusal) : null;
}
