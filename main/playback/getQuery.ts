/**
 * The query of a recorded-footage request in MediaMTX's /get shape: `start` (RFC 3339, or epoch
 * ms as our own player sends it), `duration` in seconds, and our `keyframes=1` with its optional
 * `spacing` (ms of recorded time between the keyframes sent) and `convert=h264` (footage in
 * another codec sent as H.264, for a page that cannot decode H.265). Pure: a bad value is a
 * reason, never a throw.
 */

/** An hour is what a timeline loads at once; a day is the most one answer may carry. */
export const MAX_GET_SECONDS = 86_400;

export interface GetQuery {
  start: number;
  end: number;
  keyframesOnly: boolean;
  /** Keyframes only: none closer than this (ms) to the last one sent; 0 sends every one. */
  keyframeSpacingMs: number;
  /** `h264`: footage recorded in another codec (H.265) is converted for a page that cannot decode it. */
  convert: 'h264' | null;
}

/** Epoch ms from digits or an RFC 3339 time with its offset; null when it is neither. */
export function parseInstant(text: string | null): number | null {
  if (!text) return null;
  if (/^\d{1,15}$/.test(text)) return Number(text);
  // RFC 3339 needs a date, a time and a zone: a bare date would be read in no particular zone.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i.test(text)) return null;
  const at = Date.parse(text.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isFinite(at) ? at : null;
}

export function parseGetQuery(query: URLSearchParams): { ok: true; value: GetQuery } | { ok: false; reason: string } {
  const start = parseInstant(query.get('start'));
  if (start === null) return { ok: false, reason: 'start: epoch ms or an RFC 3339 time with its zone' };
  const durationText = query.get('duration') ?? '';
  const duration = /^\d+(\.\d+)?$/.test(durationText) ? Number(durationText) : NaN;
  if (!(duration > 0 && duration <= MAX_GET_SECONDS)) return { ok: false, reason: `duration: seconds, more than 0 and at most ${MAX_GET_SECONDS}` };
  const format = query.get('format');
  if (format !== null && format !== 'fmp4') return { ok: false, reason: 'format: only fmp4' };
  const spacingText = query.get('spacing');
  const spacing = spacingText === null ? 0 : /^\d{1,8}$/.test(spacingText) ? Number(spacingText) : NaN;
  if (!(spacing >= 0 && spacing <= MAX_GET_SECONDS * 1000)) return { ok: false, reason: `spacing: whole ms, at most ${MAX_GET_SECONDS * 1000}` };
  const convert = query.get('convert');
  if (convert !== null && convert !== 'h264') return { ok: false, reason: 'convert: only h264' };
  const keyframesOnly = query.get('keyframes') === '1';
  return { ok: true, value: { start, end: start + Math.round(duration * 1000), keyframesOnly, keyframeSpacingMs: keyframesOnly ? spacing : 0, convert } };
}
