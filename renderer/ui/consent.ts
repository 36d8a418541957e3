/** A household camera's consent in the few words the tree and the editor show. */
import type { CameraView, ConsentView, SiteLevel } from '../../preload/api';

export type ConsentSummary =
  | { state: 'public' }
  /** Household, but no levels agreed (nothing may watch it). */
  | { state: 'none' }
  | { state: 'revoked' }
  | { state: 'expired'; until: number }
  | { state: 'until'; until: number }
  | { state: 'open' };

export function consentSummary(camera: Pick<CameraView, 'ownerKind' | 'consent'>, now: number): ConsentSummary {
  if (camera.ownerKind !== 'household') return { state: 'public' };
  const consent: ConsentView | null | undefined = camera.consent;
  if (!consent || consent.levels.length === 0) return { state: 'none' };
  if (consent.revoked) return { state: 'revoked' };
  if (consent.until === null) return { state: 'open' };
  return consent.until <= now ? { state: 'expired', until: consent.until } : { state: 'until', until: consent.until };
}

/**
 * Whether a console at `level` may watch the camera now. Main's rules decide; this only lets the
 * editor warn that saving will take the camera off this console.
 */
export function mayWatch(camera: Pick<CameraView, 'ownerKind' | 'consent'>, level: SiteLevel, now: number): boolean {
  const { state } = consentSummary(camera, now);
  return state === 'public' || ((state === 'until' || state === 'open') && camera.consent?.levels.includes(level) === true);
}

/** "12月31日" / "December 31": the day a consent ends, in the interface language. */
export function formatDay(ms: number, language: string): string {
  return new Intl.DateTimeFormat(language, { month: 'long', day: 'numeric' }).format(ms);
}

const two = (n: number) => String(n).padStart(2, '0');

/** ms → the value of an `<input type="datetime-local">`, in this machine's local time. */
export function toLocalInput(ms: number | null): string {
  if (ms === null) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** The value of an `<input type="datetime-local">` → ms; null when empty or not a date. */
export function fromLocalInput(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const ms = new Date(year, month - 1, day, hour, minute).getTime();
  return Number.isNaN(ms) ? null : ms;
}
