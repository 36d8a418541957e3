import type { Profile, StreamStatus } from '../../preload/api';
import { KeyedListeners } from '../lib/keyedListeners';
import { steadyStatus } from './steadyStatus';

export type StatusKey = `${string}:${Profile}`;

export const statusKey = (cameraId: string, profile: Profile): StatusKey => `${cameraId}:${profile}`;

/**
 * Latest `StreamStatus` per camera and profile, as shown (a failure stays through its retries:
 * steadyStatus). Subscribers listen to one key, so a status push
 * re-renders the one tile (and list entry) showing that camera, never the whole wall.
 */
export class StatusStore {
  private readonly statuses = new Map<StatusKey, StreamStatus>();
  private readonly listeners = new KeyedListeners<StatusKey>();
  /** Bumped by every push; lets a snapshot that was requested earlier lose to a newer push. */
  private pushCount = 0;
  private readonly pushedAt = new Map<StatusKey, number>();

  get = (key: StatusKey): StreamStatus | undefined => this.statuses.get(key);

  subscribe(key: StatusKey, listener: () => void): () => void {
    return this.listeners.subscribe(key, listener);
  }

  /** A `stream.status` push. */
  apply(status: StreamStatus): void {
    const key = statusKey(status.cameraId, status.profile);
    this.pushedAt.set(key, ++this.pushCount);
    this.put(key, status);
  }

  /** Marks the moment a `stream.statuses` request goes out; pass the mark to `applySnapshot`. */
  mark(): number {
    return this.pushCount;
  }

  /** The full `stream.statuses` answer: replaces everything not pushed since `mark`. */
  applySnapshot(statuses: StreamStatus[], mark: number): void {
    const fresh = new Map(statuses.map((s) => [statusKey(s.cameraId, s.profile), s] as const));
    const newer = (key: StatusKey) => (this.pushedAt.get(key) ?? 0) > mark;
    for (const key of [...this.statuses.keys()]) {
      if (!fresh.has(key) && !newer(key)) {
        this.statuses.delete(key);
        this.notify(key);
      }
    }
    for (const [key, status] of fresh) if (!newer(key)) this.put(key, status);
  }

  private put(key: StatusKey, pushed: StreamStatus): void {
    const current = this.statuses.get(key);
    const status = steadyStatus(current, pushed);
    if (current && sameStatus(current, status)) return;
    this.statuses.set(key, status);
    this.notify(key);
  }

  private notify(key: StatusKey): void {
    this.listeners.notify(key);
  }
}

function sameStatus(a: StreamStatus, b: StreamStatus): boolean {
  const keys = Object.keys(b) as (keyof StreamStatus)[];
  return keys.length === Object.keys(a).length && keys.every((k) => Object.is(a[k], b[k]));
}
