/**
 * A time range of this console's recordings as one fMP4, read segment by segment from disk as it
 * is sent (an hour is never held in memory): the first segment is read before answering, so the
 * answer knows its start time, or that nothing is recorded there and when the next footage is.
 */
import { readFile } from 'node:fs/promises';
import { scanFragments } from '../recording/mp4Boxes.js';
import { MIN_GAP_MS, type FootageSpan } from '../recording/segmentIndex.js';
import { readInit, readSamples } from './fmp4Read.js';
import { Fmp4Joiner, type JoinRange } from './fmp4Join.js';

export type RecordedStream =
  | {
      ok: true;
      startMs: number;
      timescale: number;
      chunks: AsyncGenerator<Buffer, void, void>;
      /** Where the footage sent so far ends (epoch ms): the whole range's end once `chunks` is done. */
      endMs(): number;
    }
  | { ok: false; nextMs: number | null };

type Span = FootageSpan;

/**
 * A segment's bytes. One being written is read as it is now, up to its last whole fragment: the
 * fragment ffmpeg is writing is never read. Each answer reads the file once; a player that wants
 * what was written since asks again from where the answer ended (no timers or file watches here).
 * A `.part` gone meanwhile was closed (renamed to `.mp4`) and is read there.
 */
export async function readSegmentBytes(segment: Span, read: (path: string) => Promise<Buffer> = readFile): Promise<Buffer> {
  if (segment.partPath === undefined) return read(segment.path);
  let bytes: Buffer;
  try {
    bytes = await read(segment.partPath);
  } catch {
    return read(segment.path);
  }
  return bytes.subarray(0, scanFragments(bytes).goodEnd);
}

/** The segments that play `range` (from the one holding its start), or where footage resumes. */
export function segmentsFor(segments: readonly Span[], range: Pick<JoinRange, 'start' | 'end'>): { play: Span[]; nextMs: number | null } {
  // A start in the seam between two segments (a cut waits for a keyframe) plays the later one.
  const first = segments.findIndex((segment) => segment.endedAt > range.start && segment.startedAt <= range.start + MIN_GAP_MS);
  if (first === -1) return { play: [], nextMs: segments.find((segment) => segment.startedAt > range.start)?.startedAt ?? null };
  return { play: segments.slice(first).filter((segment) => segment.startedAt < range.end), nextMs: null };
}

/**
 * `readFailed` hears of each closed segment that could not be read: one deleted by hand is then
 * dropped from the catalog, so the timeline shows a gap there instead of footage nobody can play.
 */
export async function openRecordedStream(segments: readonly Span[], range: JoinRange, read: (path: string) => Promise<Buffer> = readFile, readFailed?: (path: string) => void): Promise<RecordedStream> {
  const { play, nextMs } = segmentsFor(segments, range);
  const joiner = new Fmp4Joiner(range);
  let index = 0;
  let head: Buffer[] = [];
  const add = async (segment: Span): Promise<Buffer[]> => {
    let bytes: Buffer;
    try {
      bytes = await readSegmentBytes(segment, read);
    } catch {
      if (segment.partPath === undefined) readFailed?.(segment.path);
      return []; // removed meanwhile (retention, or by hand): the stream goes on with the next segment
    }
    const init = readInit(bytes);
    return init ? joiner.addSegment(bytes, init, readSamples(bytes, init), segment.startedAt) : [];
  };
  while (joiner.startMs === null && index < play.length) head = await add(play[index++]!);
  if (joiner.startMs === null) return { ok: false, nextMs: nextMs ?? segments.find((segment) => segment.startedAt > range.start)?.startedAt ?? null };
  async function* chunks(): AsyncGenerator<Buffer, void, void> {
    yield* head;
    head = [];
    while (!joiner.done && index < play.length) yield* await add(play[index++]!);
    yield* joiner.finish();
  }
  return { ok: true, startMs: Math.round(joiner.startMs), timescale: joiner.timescale!, chunks: chunks(), endMs: () => Math.round(joiner.endMs!) };
}
