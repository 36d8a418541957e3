/**
 * Why a camera does not play, in one vocabulary for the connection test (测试连接), the tile and
 * the tree: main names the failure once (`classifyFailure` over ffmpeg's words, `pullFailure` for a
 * media server), and this maps a stream state or a test's outcome to the catalogue's `reason.*`.
 */
import type { ProbeOutcome, StreamState } from '../../preload/api';

export const REASONS = ['unauthorized', 'relay_refused', 'not_found', 'unreachable', 'timeout', 'unsupported_codec', 'no_video', 'bad_url', 'ffmpeg_missing', 'failed'] as const;
export type Reason = (typeof REASONS)[number];

const isReason = (value: string): value is Reason => (REASONS as readonly string[]).includes(value);

/**
 * The reason a state or outcome names, or null for one that is not a failure with a cause
 * (live, starting, offline…). Through a media server a refused login is the server's refusal,
 * not the camera's password.
 */
export function reasonOf(named: StreamState | ProbeOutcome, viaRelay: boolean): Reason | null {
  if (named === 'unauthorized' && viaRelay) return 'relay_refused';
  return isReason(named) ? named : null;
}

/** A camera whose pictures come through its site's media server. */
export const viaRelay = (camera: { source?: string } | undefined): boolean => (camera?.source ?? 'direct') !== 'direct';
