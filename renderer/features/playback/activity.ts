/**
 * The recorder's bytes-per-second signal as a timeline reads it: binned for the activity strip,
 * and "quiet" found for 跳过无活动. Frame sizes rise when something moves in a VBR picture
 * (about 1.7× the still picture's rate for a person walking by): good for a heat strip and for skipping the
 * still hours, not a detector.
 */

export interface ActivitySegment {
  startedAt: number;
  endedAt: number;
  /** One value per second from startedAt, or per `secondsPerValue` seconds (another console's compact list). */
  bytesPerSecond: number[];
  secondsPerValue?: number;
}

/** Where the i-th value of a segment's activity starts, and how long it lasts (ms). */
const stepOf = (segment: ActivitySegment) => (segment.secondsPerValue ?? 1) * 1000;

/** Above this many times the camera's quiet rate, a second counts as active. */
export const ACTIVE_OVER_QUIET = 1.4;
/**
 * The camera's quiet rate: the rate this share of its seconds stay at or under. Not the median:
 * a camera that moves more than half the time (a market by day) would then have no quiet at all,
 * and 跳过无活动 would play its still half hours at 1×.
 */
export const QUIET_QUANTILE = 0.2;

/** The highest rate in each of `bins` equal slices of [from, to); 0 where nothing is recorded. */
export function activityBins(segments: readonly ActivitySegment[], from: number, to: number, bins: number): number[] {
  const out = new Array<number>(bins).fill(0);
  const width = (to - from) / bins;
  for (const segment of segments) {
    const step = stepOf(segment);
    segment.bytesPerSecond.forEach((rate, i) => {
      const at = segment.startedAt + i * step;
      if (at < from - step || at >= to) return;
      const first = Math.max(0, Math.floor((at - from) / width));
      const last = Math.min(bins - 1, Math.floor((at + step - 1 - from) / width));
      for (let b = first; b <= last; b++) out[b] = Math.max(out[b]!, rate);
    });
  }
  return out;
}

/** The rate above which a second is active, from the quiet rate of all seconds given; null without any. */
export function activeLevel(segments: readonly ActivitySegment[]): number | null {
  const rates = segments.flatMap((s) => s.bytesPerSecond).filter((r) => r > 0).sort((a, b) => a - b);
  if (rates.length === 0) return null;
  return rates[Math.floor((rates.length - 1) * QUIET_QUANTILE)]! * ACTIVE_OVER_QUIET;
}

/**
 * Where playing forward from `pos` next shows activity: `pos` itself when it is active, the
 * start of the next active second otherwise (skipping gaps in the recording), or null when none
 * follows in what is loaded.
 */
export function nextActive(segments: readonly ActivitySegment[], pos: number, level: number): number | null {
  const sorted = [...segments].sort((a, b) => a.startedAt - b.startedAt);
  for (const segment of sorted) {
    if (segment.endedAt <= pos) continue;
    const step = stepOf(segment);
    for (let i = Math.max(0, Math.floor((pos - segment.startedAt) / step)); i < segment.bytesPerSecond.length; i++) {
      if (segment.bytesPerSecond[i]! >= level) return Math.max(pos, segment.startedAt + i * step);
    }
  }
  return null;
}
