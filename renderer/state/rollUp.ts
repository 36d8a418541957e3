import type { StreamState, StreamStatus } from '../../preload/api';

const WORKING: ReadonlySet<StreamState> = new Set(['idle', 'starting', 'live']);

/** Any state but idle, starting and live means the camera is failing (stalled, reconnecting, offline, …). */
export function isFailing(state: StreamState): boolean {
  return !WORKING.has(state);
}

/**
 * One word for a camera whose main and sub streams may both be open: live when either is live,
 * otherwise the state that changed last. Undefined when no stream of it is open (we don't know).
 */
export function cameraState(statuses: readonly (StreamStatus | undefined)[]): StreamState | undefined {
  const known = statuses.filter((s): s is StreamStatus => s !== undefined);
  if (known.some((s) => s.state === 'live')) return 'live';
  return known.reduce<StreamStatus | undefined>((latest, s) => (!latest || s.since > latest.since ? s : latest), undefined)?.state;
}

export interface RollUp {
  total: number;
  offline: number;
}

/** "东村 3/12 离线": how many of a site's cameras (its own and those under it) are failing. */
export function rollUp(cameraIds: readonly string[], stateOf: (cameraId: string) => StreamState | undefined): RollUp {
  let offline = 0;
  for (const id of cameraIds) {
    const state = stateOf(id);
    if (state !== undefined && isFailing(state)) offline++;
  }
  return { total: cameraIds.length, offline };
}
