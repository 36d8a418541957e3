/**
 * A `.part` is a segment whose file was not finished: the console was killed, the power went, or
 * a write failed (a full disk). It is cut back to its last whole fragment (ftyp, moov and complete moof+mdat pairs)
 * and becomes a `.mp4` with a sidecar; one with no whole fragment holds nothing and is removed.
 */
import { readdir, readFile, rename, rm, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { leftTemporaryPid } from '../store/atomicFile.js';
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

/**
 * What a kill or a power cut left among `files` (names in `dir`, or paths relative to it): each
 * `.part` repaired, and the files of spare ffmpeg writers (consoles from before main wrote its own segments) removed: a spare never got a segment's frames.
 * A sidecar's temporary left by a write the cut interrupted is removed too: the sidecar it was
 * to replace is still there, or the segment's `.part` is repaired with a new one.
 * Only where no writer of this console is at work: the catalog calls it as it first lists a
 * stream's folder, before that stream's recorder starts. A `.part` that cannot be repaired is
 * told to `failed` and left as it is (thrown without one).
 */
export async function repairLeftovers(dir: string, files: readonly string[], failed?: (partPath: string, error: unknown) => void): Promise<Repair[]> {
  for (const spare of files.filter((file) => file.endsWith(SPARE_SUFFIX))) await rm(join(dir, spare), { force: true }).catch(() => {}); // an empty file left: harmless
  const leftTemporary = (file: string) => {
    const pid = leftTemporaryPid(file);
    return pid !== null && pid !== process.pid;
  };
  for (const temporary of files.filter(leftTemporary)) await rm(join(dir, temporary), { force: true }).catch(() => {}); // kept: it is only clutter
  const repairs: Repair[] = [];
  for (const part of files.filter((file) => file.endsWith(`.mp4${PART_SUFFIX}`))) {
    try {
      repairs.push(await repairPart(join(dir, part)));
    } catch (error) {
      if (!failed) throw error;
      failed(join(dir, part), error);
    }
  }
  return repairs;
}

/**
 * Repairs every `.part` under a whole recording folder, for a tool or a test standing in for the
 * next start. The console does not call it: it lists every segment (1.4 million entries for a
 * month of 16 cameras, 11 s under load); the catalog repairs each stream's folder as it lists it.
 */
export async function repairAll(root: string): Promise<Repair[]> {
  let entries: string[];
  try {
    entries = await readdir(root, { recursive: true });
  } catch {
    return []; // no folder yet: nothing was recorded
  }
  return repairLeftovers(root, entries);
}
