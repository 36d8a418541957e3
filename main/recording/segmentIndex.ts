/**
 * What is recorded for one camera and profile, read from the folder: file names give each
 * segment's UTC start (they are the source of truth), sidecars its end, size, keyframes and
 * activity. A segment without a sidecar (written by an older console, or copied in) is measured
 * from its boxes. Gaps between segments carry the reason the segment before them ended.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Profile, RecordingGapReason } from '../../preload/api.js';
import { fragmentedDuration } from './mp4Boxes.js';
import type { SegmentEnd } from './segmentCuts.js';
import { segmentFilesBetween, segmentFolder } from './segmentName.js';
import { readSidecar, type Sidecar } from './sidecar.js';

export interface Segment extends Omit<Sidecar, 'endReason'> {
  path: string;
  file: string;
  /** Why it ended; null when unknown (no sidecar). */
  endReason: SegmentEnd | null;
}

/** Where one piece of footage is and when it runs; `partPath` while it is still being written. */
export type FootageSpan = Pick<Segment, 'path' | 'startedAt' | 'endedAt'> & { partPath?: string };

/** A segment still being written (or closing): its `.part` is read up to its last whole fragment, the `.mp4` once renamed. */
export interface WritingSegment extends Segment {
  partPath: string;
}

/** Why nothing was recorded for a while; `unknown` when no segment before it says. */
export type GapReason = RecordingGapReason;

export interface Gap {
  from: number;
  to: number;
  reason: GapReason;
}

/** Shorter breaks are the seam between two segments (a cut waits for a keyframe), not missing video. */
export const MIN_GAP_MS = 500;

/** The reasons a segment's end gives the gap after it (any other end leaves it `unknown`). */
export const GAP_REASONS = new Set<string>(['output_switched', 'offline', 'unauthorized', 'disk_full', 'console_stopped', 'writer_failed'] satisfies Exclude<GapReason, 'unknown'>[]);

/** Segments of one camera and profile overlapping [from, to), oldest first. */
export async function listSegments(root: string, cameraId: string, profile: Profile, from = -Infinity, to = Infinity): Promise<Segment[]> {
  const dir = segmentFolder(root, cameraId, profile);
  let files: string[];
  try {
    files = await readdir(dir);
  } catch {
    return [];
  }
  // A segment is at most a few minutes long: one that starts an hour before `from` cannot reach it.
  const candidates = segmentFilesBetween(files, cameraId, profile, from - 3600_000, to);
  const segments = await inTurn(candidates, ({ file, name }) => readSegment(join(dir, file), file, name.startedAt));
  return segments.filter((segment): segment is Segment => segment !== null && segment.endedAt > from);
}

/**
 * Sidecars read at once. A month is 43 200 segments a camera, more than a process may have files
 * open: all at once, the reads past the limit failed (EMFILE) and their segments were taken for
 * gone — missing from the catalog retention deletes from, and from /list.
 */
const READS_AT_ONCE = 64;

export async function inTurn<T, R>(items: readonly T[], read: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const reader = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await read(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READS_AT_ONCE, items.length) }, reader));
  return results;
}

/** One segment from its sidecar, or measured from its boxes without one; null when it is gone. */
export async function readSegment(path: string, file: string, startedAt: number): Promise<Segment | null> {
  const sidecar = await readSidecar(path);
  if (sidecar) return { ...sidecar, path, file };
  try {
    const bytes = await readFile(path);
    const duration = fragmentedDuration(bytes) ?? 0;
    const { size } = await stat(path);
    return { path, file, startedAt, endedAt: startedAt + Math.round(duration * 1000), bytes: size, keyframesMs: null, bytesPerSecond: [], endReason: null, repaired: false };
  } catch {
    return null; // removed meanwhile (retention)
  }
}

/** The breaks in [from, to) not covered by `segments` (oldest first), each with the reason the one before it ended. */
export function gapsBetween(segments: readonly Pick<Segment, 'startedAt' | 'endedAt' | 'endReason'>[], from: number, to: number): Gap[] {
  const gaps: Gap[] = [];
  let coveredTo = from;
  let reason: GapReason = 'unknown';
  for (const segment of segments) {
    if (segment.startedAt - coveredTo >= MIN_GAP_MS && segment.startedAt > from) gaps.push({ from: coveredTo, to: Math.min(segment.startedAt, to), reason });
    coveredTo = Math.max(coveredTo, segment.endedAt);
    reason = segment.endReason && GAP_REASONS.has(segment.endReason) ? (segment.endReason as GapReason) : 'unknown';
  }
  if (to - coveredTo >= MIN_GAP_MS && Number.isFinite(to)) gaps.push({ from: coveredTo, to, reason });
  return gaps.filter((gap) => gap.to > gap.from);
}
