/**
 * A time range of this console's recordings as one fMP4, read fragment by fragment from disk as
 * it is sent (an hour is never held in memory, nor a segment): the fragment holding the start is
 * read before answering, so the answer knows its start time, or that nothing is recorded there
 * and when the next footage is. Where in a segment that fragment is, segmentReader.ts finds
 * without reading what comes before it.
 */
import { MIN_GAP_MS, type FootageSpan } from '../recording/segmentIndex.js';
import { Fmp4Joiner, type JoinRange } from './fmp4Join.js';
import { segmentPieces } from './segmentReader.js';

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
 * Iterate `chunks` to its end or call its `return()`: that closes the file being read.
 */
export async function openRecordedStream(segments: readonly Span[], range: JoinRange, readFailed?: (path: string) => void): Promise<RecordedStream> {
  const { play, nextMs } = segmentsFor(segments, range);
  const joiner = new Fmp4Joiner(range);
  /** Yields null once the stream has started (or cannot), then only what to send. */
  async function* run(): AsyncGenerator<Buffer | null, void, void> {
    let started = false;
    for (const segment of play) {
      if (joiner.done) break;
      // Until the stream starts, from the fragment holding the range's start; then every fragment.
      const pieces = segmentPieces(segment, joiner.startMs === null ? range.start : null, () => readFailed?.(segment.path));
      let begun = false;
      for await (const piece of pieces) {
        const out = begun ? [] : joiner.beginSegment(piece.init, segment.startedAt, piece.firstDts);
        begun = true;
        out.push(...joiner.addSamples(piece.bytes, piece.samples));
        if (!started && joiner.startMs !== null) {
          started = true;
          yield null; // the answer's headers can be written: nothing was sent before this
        }
        yield* out;
        if (joiner.done) break;
      }
      yield* joiner.endSegment();
    }
    if (!started) return void (yield null);
    yield* joiner.finish();
  }
  const running = run();
  await running.next(); // from here on, return() closes what is open
  if (joiner.startMs === null) {
    await running.return();
    return { ok: false, nextMs: nextMs ?? segments.find((segment) => segment.startedAt > range.start)?.startedAt ?? null };
  }
  return { ok: true, startMs: Math.round(joiner.startMs), timescale: joiner.timescale!, chunks: running as AsyncGenerator<Buffer, void, void>, endMs: () => Math.round(joiner.endMs!) };
}
