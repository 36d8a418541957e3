/**
 * The small JSON beside each closed segment: its span, size, keyframes and a bytes-per-second
 * series (a free activity signal: P-frames grow with motion), and why it ended. The file name
 * stays the source of truth; a missing or unreadable sidecar is rebuilt from the MP4 itself.
 */
import { readFile as readFileCallback } from 'node:fs';
import { promisify } from 'node:util';
import { z } from 'zod';
import { SEGMENT_ENDS } from './segmentCuts.js';
import { sidecarPathOf } from './segmentName.js';
import { writeFileDurable, type DurableFileIo } from '../store/atomicFile.js';

export const SidecarSchema = z.object({
  startedAt: z.number(),
  endedAt: z.number(),
  bytes: z.number().int().nonnegative(),
  /** Keyframe times in ms from the start; null when the segment was rebuilt from a repaired file. */
  keyframesMs: z.array(z.number()).nullable(),
  /** Bytes of video received in each second of the segment. */
  bytesPerSecond: z.array(z.number().int().nonnegative()),
  endReason: z.enum(SEGMENT_ENDS),
  /** The `.part` was cut off (a kill, a crash) and repaired to its last whole fragment. */
  repaired: z.boolean(),
});
export type Sidecar = z.infer<typeof SidecarSchema>;

/**
 * fs.readFile with a callback, not fs/promises: a day's query reads 1440 sidecars, and on Node 20
 * the promise version (which reads in chunks and goes back to the thread pool for each) took
 * 2.5–3.5 times as long for them (bench/record.bench.ts, index part).
 */
const readSmallFile = promisify(readFileCallback);

/**
 * Written, flushed and renamed into place with its folder flushed: a power cut keeps the sidecar
 * (the segment's activity strip and keyframes) as it keeps the segment, or the one before.
 * Readable by others as the segments are (another console or tool may read the folder). `io` is for tests.
 */
export async function writeSidecar(segmentPath: string, sidecar: Sidecar, io?: DurableFileIo): Promise<void> {
  await writeFileDurable(sidecarPathOf(segmentPath), JSON.stringify(sidecar), { mode: 0o644, ...(io ? { io } : {}) });
}

const ENDS = new Set<string>(SEGMENT_ENDS);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const allOf = (value: unknown, check: (item: unknown) => boolean): boolean => {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (!check(item)) return false;
  return true;
};

/**
 * What SidecarSchema accepts, checked by hand: the timeline's hour of 16 cameras reads 960
 * sidecars, and zod took 25–45 µs for each one's 120 numbers (7–8 times JSON.parse itself,
 * under load). sidecar.test.ts holds the two to the same answers.
 */
export function isSidecar(value: unknown): value is Sidecar {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    isNumber(v.startedAt) &&
    isNumber(v.endedAt) &&
    isCount(v.bytes) &&
    (v.keyframesMs === null || allOf(v.keyframesMs, isNumber)) &&
    allOf(v.bytesPerSecond, isCount) &&
    typeof v.endReason === 'string' &&
    ENDS.has(v.endReason) &&
    typeof v.repaired === 'boolean'
  );
}

/** The sidecar of a segment, or null when it is missing or not one of ours. */
export async function readSidecar(segmentPath: string): Promise<Sidecar | null> {
  try {
    const value: unknown = JSON.parse(await readSmallFile(sidecarPathOf(segmentPath), 'utf8'));
    if (!isSidecar(value)) return null;
    // Only the sidecar's own fields, as the schema would give them (a file may carry more).
    const { startedAt, endedAt, bytes, keyframesMs, bytesPerSecond, endReason, repaired } = value;
    return { startedAt, endedAt, bytes, keyframesMs, bytesPerSecond, endReason, repaired };
  } catch {
    return null;
  }
}
