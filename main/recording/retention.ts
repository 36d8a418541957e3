/**
 * Which recorded segments go, as a pure decision over what is on disk: first what is older than
 * its camera's days to keep or past its household owner's consent, then the oldest (across all cameras) while the footage is over the
 * quota or the disk under its minimum free space. A segment inside an evidence lock never goes.
 * What cannot be freed is said, so the recorder can pause rather than fill the disk.
 */
import type { Profile } from '../../preload/api.js';

export interface StoredSegment {
  path: string;
  cameraId: string;
  profile: Profile;
  startedAt: number;
  endedAt: number;
  bytes: number;
}

/** A time range of one camera kept for a case, whatever the retention says. */
export interface EvidenceLock {
  cameraId: string;
  from: number;
  to: number;
}

export interface RetentionPolicy {
  /** Days to keep a camera's profile; null keeps it until space is needed. */
  daysFor(cameraId: string, profile: Profile): number | null;
  /** When all of a camera's footage must be gone (a household's consent ended); null for never. */
  keepUntil?(cameraId: string): number | null;
  /** The most all footage may take; null for no quota. */
  quotaBytes: number | null;
  /** Free space the disk must keep. */
  minFreeBytes: number;
}

export interface RetentionPlan {
  delete: StoredSegment[];
  /** Bytes still needed for the quota and the minimum free space once these are gone (0: enough). */
  shortBytes: number;
}

const DAY_MS = 86_400_000;

export const isLocked = (segment: StoredSegment, locks: readonly EvidenceLock[]) =>
  locks.some((lock) => lock.cameraId === segment.cameraId && segment.startedAt < lock.to && segment.endedAt > lock.from);

export function planRetention(segments: readonly StoredSegment[], policy: RetentionPolicy, locks: readonly EvidenceLock[], freeBytes: number, now: number): RetentionPlan {
  const deletable = segments.filter((segment) => !isLocked(segment, locks)).sort((a, b) => a.startedAt - b.startedAt);
  const doomed = new Set<StoredSegment>();
  for (const segment of deletable) {
    const days = policy.daysFor(segment.cameraId, segment.profile);
    if (days !== null && segment.endedAt < now - days * DAY_MS) doomed.add(segment);
    const until = policy.keepUntil?.(segment.cameraId) ?? null;
    if (until !== null && now >= until) doomed.add(segment);
  }
  const freed = () => [...doomed].reduce((sum, segment) => sum + segment.bytes, 0);
  const total = segments.reduce((sum, segment) => sum + segment.bytes, 0);
  const short = () => Math.max(policy.quotaBytes === null ? 0 : total - freed() - policy.quotaBytes, policy.minFreeBytes - freeBytes - freed(), 0);
  for (const segment of deletable) {
    if (short() === 0) break;
    doomed.add(segment);
  }
  return { delete: deletable.filter((segment) => doomed.has(segment)), shortBytes: short() };
}
