import type { StreamState, StreamStatus } from '../../../preload/api';

/**
 * The state a tile shows. Until the host reports, the tile is opening the stream (connecting, not
 * dead). "Live" needs the host's frames and a picture on screen: until the player shows its first
 * frame the tile is still connecting, and a picture that stopped moving in the player is "stalled"
 * even while the host still receives frames, so a frozen picture never looks live.
 */
export function shownState(status: Pick<StreamStatus, 'state'> | undefined, frozenSince: number | null, hasPicture: boolean): StreamState {
  const state = status?.state ?? 'starting';
  if (state !== 'live') return state;
  if (frozenSince !== null) return 'stalled';
  return hasPicture ? 'live' : 'starting';
}

/** Since when the tile has had no new picture: the player's own freeze, else the host's last frame. */
export function lastPictureAt(status: Pick<StreamStatus, 'lastFrameAt'> | undefined, frozenSince: number | null): number | null {
  return frozenSince ?? status?.lastFrameAt ?? null;
}

/**
 * The status as a tile sees it. A camera pulled for its recorder whose tiles are refused (its H.265
 * has no conversion slot free) is not "live" for the tile: it shows the refusal — the state, the
 * words behind "details" and the next try — and no picture age, since it has shown none.
 */
export function tileStatus(status: StreamStatus | undefined): StreamStatus | undefined {
  if (!status?.refused) return status;
  const { state, detail, retryAt } = status.refused;
  return { ...status, state, detail, retryAt, lastFrameAt: null, bitrateKbps: null, fps: null };
}
