/**
 * The figures the recording settings show, as pure sums over what is on disk: per stream the
 * oldest footage, its bytes and bytes per day at the current rate (the last day's footage over the
 * time it covers), and for the disk how many days until recording would fill what it may use.
 */
import type { Profile, RecordingFiguresView } from '../../preload/api.js';
import type { StoredSegment } from './retention.js';
import type { NamedStream } from './segmentCatalog.js';

const DAY_MS = 86_400_000;

export interface StreamFigures {
  cameraId: string;
  profile: Profile;
  oldest: number;
  segments: number;
  bytes: number;
  /** Bytes a day of recording takes now; null until a segment of the last day says. */
  bytesPerDay: number | null;
}

export function streamFigures(segments: readonly StoredSegment[], now: number): StreamFigures[] {
  const byStream = new Map<string, StreamFigures & { recentBytes: number; recentMs: number }>();
  for (const segment of segments) {
    const id = `${segment.cameraId}:${segment.profile}`;
    const figures = byStream.get(id) ?? { cameraId: segment.cameraId, profile: segment.profile, oldest: segment.startedAt, segments: 0, bytes: 0, bytesPerDay: null, recentBytes: 0, recentMs: 0 };
    figures.oldest = Math.min(figures.oldest, segment.startedAt);
    figures.segments += 1;
    figures.bytes += segment.bytes;
    if (segment.endedAt > now - DAY_MS && segment.endedAt > segment.startedAt) {
      figures.recentBytes += segment.bytes;
      figures.recentMs += segment.endedAt - segment.startedAt;
    }
    byStream.set(id, figures);
  }
  return [...byStream.values()].map(({ recentBytes, recentMs, ...figures }) => ({ ...figures, bytesPerDay: recentMs > 0 ? Math.round((recentBytes / recentMs) * DAY_MS) : null }));
}

/**
 * The figures while the catalog is still reading sidecars: what the names say (each stream's
 * oldest footage and count), sizes and rates unknown (null) rather than a blank or a wrong sum.
 */
export function countingFigures(named: readonly NamedStream[], freeBytes: number | null, now: number): RecordingFiguresView {
  return {
    at: now,
    complete: false,
    streams: named.map(({ cameraId, profile, oldest, segments }) => ({ cameraId, profile, oldest, segments, bytes: null, bytesPerDay: null })),
    usedBytes: null,
    freeBytes,
    daysUntilFull: null,
  };
}

export interface DiskRoom {
  freeBytes: number;
  minFreeBytes: number;
  /** The most all footage may take; null for no quota. */
  quotaBytes: number | null;
  usedBytes: number;
  /** All streams together. */
  bytesPerDay: number;
}

/**
 * Days until recording reaches the quota or the disk's minimum free space at this rate, whichever
 * comes first (0: it is there now); null when nothing is being written. Retention deletes old
 * footage before then, so this is when the oldest footage starts going, not when recording stops.
 */
export function daysUntilFull({ freeBytes, minFreeBytes, quotaBytes, usedBytes, bytesPerDay }: DiskRoom): number | null {
  const room = Math.min(freeBytes - minFreeBytes, quotaBytes === null ? Infinity : quotaBytes - usedBytes);
  if (room <= 0) return 0;
  if (bytesPerDay <= 0) return null;
  return Number.isFinite(room) ? room / bytesPerDay : null;
}
