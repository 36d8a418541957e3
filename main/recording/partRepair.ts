/**
 * A `.part` is a segment whose writer did not finish: the console was killed, the power went, or
 * ffmpeg died. It is cut back to its last whole fragment (ftyp, moov and complete moof+mdat pairs)
 * and becomes a `.mp4` with a sidecar; one with no whole fragment holds nothing and is removed.
 */
import { readdir, readFile, rename, rm, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { fragmentedDuration, scanFragments } from './mp4Boxes.js';
import type { SegmentEnd } from './segmentCuts.js';
import { PART_SUFFIX, SPARE_SUFFIX, parseSegmentFileName } from './segmentName.js';
import { writeSidecar } from './sidecar.js';

export interface Repair {
  partPath: string;
  /** The playable segment, or null when nothing whole was left and the file was removed. */
  path: string | null;
  fragments: number;
  bytesCut: number;
  durationMs: number;
}

export async function repairPart(partPath: string, endReason: SegmentEnd = 'console_stopped'): Promise<Repair> {
  const bytes = await readFile(partPath);
  const scan = scanFragments(bytes);
  const path = partPath.slice(0, -PART_SUFFIX.length);
  const name = parseSegmentFileName(path.slice(path.lastIndexOf('/') + 1));
  if (!scan.hasMoov || scan.fragments === 0 || !name) {
    await rm(partPath, { force: true });
    return { partPath, path: null, fragments: 0, bytesCut: bytes.length, durationMs: 0 };
  }
  if (scan.goodEnd < bytes.length) await truncate(partPath, scan.goodEnd);
  const durationMs = Math.round((fragmentedDuration(bytes.subarray(0, scan.goodEnd)) ?? 0) * 1000);
  await writeSidecar(path, {
    startedAt: name.startedAt,
    endedAt: name.startedAt + durationMs,
    bytes: scan.goodEnd,
    keyframesMs: null,
    bytesPerSecond: [],
    endReason,
    repaired: true,
  });
  await rename(partPath, path);
  return { partPath, path, fragments: scan.fragments, bytesCut: bytes.length - scan.goodEnd, durationMs };
}

/** Repairs every `.part` under the recording folder and removes spare writers' files (at start-up, before anything records). */
export async function repairAll(root: string): Promise<Repair[]> {
  let entries: string[];
  try {
    entries = await readdir(root, { recursive: true });
  } catch {
    return []; // no folder yet: nothing was recorded
  }
  // A spare writer's file never got a segment's frames: nothing to keep.
  for (const spare of entries.filter((entry) => entry.endsWith(SPARE_SUFFIX))) await rm(join(root, spare), { force: true });
  const parts = entries.filter((entry) => entry.endsWith(`.mp4${PART_SUFFIX}`));
  const repairs: Repair[] = [];
  for (const part of parts) repairs.push(await repairPart(join(root, part)));
  return repairs;
}
