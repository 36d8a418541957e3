import type { StreamState } from '../../preload/api';

/**
 * How a state should look. Loading must never look like dead: `loading` is blue and moving,
 * `down` (camera gone) is red, `fault` (needs a person to fix settings) is magenta. `withheld`
 * is not a failure at all: the camera works, but this console may not show it (consent, scope).
 */
export type Tone = 'idle' | 'loading' | 'live' | 'warning' | 'down' | 'fault' | 'withheld' | 'playback';

export const STATE_TONE: Record<StreamState, Tone> = {
  idle: 'idle',
  starting: 'loading',
  live: 'live',
  stalled: 'warning',
  reconnecting: 'warning',
  offline: 'down',
  unreachable: 'down',
  unauthorized: 'fault',
  not_found: 'fault',
  unsupported_codec: 'fault',
  ffmpeg_missing: 'fault',
  bad_url: 'fault',
};
