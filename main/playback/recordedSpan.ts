/**
 * The first and last instant recorded for a camera and profile, from the file names (the source
 * of truth) and the newest segment's sidecar: a month of segments is one directory listing, not
 * a month of sidecars read.
 */
import { readdir } from 'node:fs/promises';
import type { Profile } from '../../preload/api.js';
import { listSegments, MIN_GAP_MS, type Segment } from '../recording/segmentIndex.js';
import { parseSegmentFileName, segmentFolder } from '../recording/segmentName.js';

/** Every segment's start (epoch ms), oldest first, from the file names alone. */
async function segmentStarts(root: string, cameraId: string, profile: Profile): Promise<number[]> {
  const files = await readdir(segmentFolder(root, cameraId, profile)).catch(() => [] as string[]);
  return files
    .map((file) => parseSegmentFileName(file))
    .filter((name) => name?.cameraId === cameraId && name.profile === profile)
    .map((name) => name!.startedAt)
    .sort((a, b) => a - b);
}

/** Where footage resumes after `after` (the next segment's start), or null when none follows. */
export async function nextRecordedAfter(root: string, cameraId: string, profile: Profile, after: number): Promise<number | null> {
  return (await segmentStarts(root, cameraId, profile)).find((start) => start > after) ?? null;
}

export async function recordedSpan(root: string, cameraId: string, profile: Profile): Promise<{ from: number; to: number } | null> {
  const starts = await segmentStarts(root, cameraId, profile);
  if (starts.length === 0) return null;
  const newest = await listSegments(root, cameraId, profile, starts.at(-1)! - 1, Infinity);
  const oldest = await listSegments(root, cameraId, profile, starts[0]! - 1, starts[0]! + 1);
  if (newest.length === 0 || oldest.length === 0) return null;
  return { from: oldest[0]!.startedAt, to: Math.max(...newest.map((segment) => segment.endedAt)) };
}

/** Segments that follow on within a keyframe seam, merged into the spans MediaMTX's /list reports. */
export function spansOf(segments: readonly Pick<Segment, 'startedAt' | 'endedAt'>[]): { from: number; to: number }[] {
  const spans: { from: number; to: number }[] = [];
  for (const segment of [...segments].sort((a, b) => a.startedAt - b.startedAt)) {
    const last = spans.at(-1);
    if (last && segment.startedAt - last.to < MIN_GAP_MS) last.to = Math.max(last.to, segment.endedAt);
    else spans.push({ from: segment.startedAt, to: segment.endedAt });
  }
  return spans;
}
