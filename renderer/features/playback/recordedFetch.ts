/**
 * The `/get` of a playback session (this console's recorder, another's, or MediaMTX's, all one
 * shape): fragmented MP4 from the keyframe at or before `start`, its first decode time in
 * `X-Start-Ms`; 404 where nothing is recorded, with the next recorded time in `X-Next-Ms`.
 */

export type RecordedAnswer =
  | { kind: 'media'; startMs: number; body: ReadableStream<Uint8Array> }
  /** Nothing recorded at that time; `nextMs` is where recording resumes, if it does. */
  | { kind: 'gap'; nextMs: number | null }
  /**
   * The recorder will not serve this (consent, scope, a closed session), or the site's other
   * recorder cannot be read (502/504, `remote_*`, with main's technical detail): asking again at
   * once will not help.
   */
  | { kind: 'refused'; code: string; detail?: string };

/**
 * The session's URL asked for `seconds` from `startMs`, keyframes only if asked, and then none
 * closer than `spacingMs` of recorded time (0: every keyframe): what the player will not decode
 * is not sent. A recorder that does not know `spacing` (MediaMTX) sends more, and the player skips.
 * `h264`: footage in another codec (H.265) comes converted to H.264 (`convert=h264`, our
 * recorder's own parameter: MediaMTX sends it as recorded, and the tile says so in words).
 */
export function recordedUrl(sessionUrl: string, startMs: number, seconds: number, keyframes: boolean, spacingMs = 0, h264 = false): string {
  const url = new URL(sessionUrl);
  url.searchParams.set('start', String(Math.floor(startMs)));
  url.searchParams.set('duration', String(Math.max(1, Math.ceil(seconds))));
  if (keyframes) url.searchParams.set('keyframes', '1');
  else url.searchParams.delete('keyframes');
  if (keyframes && spacingMs > 0) url.searchParams.set('spacing', String(Math.floor(spacingMs)));
  else url.searchParams.delete('spacing');
  if (h264) url.searchParams.set('convert', 'h264');
  else url.searchParams.delete('convert');
  return url.toString();
}

export class RecordedFetchError extends Error {}

export async function fetchRecorded(url: string, signal: AbortSignal): Promise<RecordedAnswer> {
  const response = await fetch(url, { signal, cache: 'no-store' });
  if (response.status === 404) {
    void response.body?.cancel().catch(() => undefined);
    const next = Number(response.headers.get('X-Next-Ms'));
    return { kind: 'gap', nextMs: response.headers.has('X-Next-Ms') && Number.isFinite(next) ? next : null };
  }
  if (response.status === 403 || response.status === 410 || response.status === 502 || response.status === 504) {
    const body = (await response.json().catch(() => null)) as { code?: unknown; detail?: unknown } | null;
    const code = typeof body?.code === 'string' ? body.code : response.status >= 500 ? 'remote_bad_answer' : 'forbidden';
    return { kind: 'refused', code, ...(typeof body?.detail === 'string' ? { detail: body.detail } : {}) };
  }
  const startMs = Number(response.headers.get('X-Start-Ms'));
  if (!response.ok || !response.body || !Number.isFinite(startMs)) {
    void response.body?.cancel().catch(() => undefined);
    throw new RecordedFetchError(`HTTP ${response.status}${response.ok ? ' without X-Start-Ms' : ''}`);
  }
  return { kind: 'media', startMs, body: response.body };
}
