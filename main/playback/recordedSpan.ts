/**
 * What a stream's footage covers, from its segments as the recorder keeps them in memory (the
 * closed ones and the one being written): the first and last instant, where footage resumes
 * after a time, and the spans MediaMTX's /list reports. Pure: a month of segments is no folder read.
 */
import { MIN_GAP_MS, type Segment } from '../recording/segmentIndex.js';

type Span = Pick<Segment, 'startedAt' | 'endedAt'>;

/** Where footage resumes after `after` (the next segment's start), or null when none follows. */
export function nextRecordedAfter(segments: readonly Span[], after: number): number | null {
  return segments.reduce<number | null>((next, segment) => (segment.startedAt > after && (next === null || segment.startedAt < next) ? segment.startedAt : next), null);
}

/** From the oldest footage to the newest (the minute being recorded included); null with none. */
export function recordedSpan(segments: readonly Span[]): { from: number; to: number } | null {
  if (segments.length === 0) return null;
  // A loop, not Math.min(...): a month of one camera is some 43 000 segments.
  let from = Infinity;
  let to = -Infinity;
  for (const segment of segments) (from = Math.min(from, segment.startedAt)), (to = Math.max(to, segment.endedAt));
  return { from, to };
}

/** Segments that follow on within a keyframe seam, merged into the spans MediaMTX's /list reports. */
export function spansOf(segments: readonly Span[]): { from: number; to: number }[] {
  const spans: { from: number; to: number }[] = [];
  for (const segment of [...segments].sort((a, b) => a.startedAt - b.startedAt)) {
    const last = spans.at(-1);
    if (last && segment.startedAt - last.to < MIN_GAP_MS) last.to = Math.max(last.to, segment.endedAt);
    else spans.push({ from: segment.startedAt, to: segment.endedAt });
  }
  return spans;
}
