/**
 * What our recorder's `/list` says beyond MediaMTX's `[{start, duration}]`, in optional fields a
 * MediaMTX client simply ignores: why each span ended (the reason of the gap after it) and the
 * span's activity (bytes per second), so another console's timeline of our camera shows the same
 * activity strip and gap reasons as ours. Compact: one value per `activityStep` seconds (the
 * busiest second of each step), at most ACTIVITY_VALUES values in one answer, however long the
 * range. Pure: the route reads the segments, this shapes them.
 */
import { GAP_REASONS, type GapReason, type Segment } from '../recording/segmentIndex.js';

/** Values one /list answer carries at most: 2 h at one a second (a timeline's hour with its margins), a month at one every 6 min. */
export const ACTIVITY_VALUES = 7200;

export interface ListDetail {
  /** Why recording stopped where the span ends; absent while it runs on, or when nothing says. */
  endReason?: Exclude<GapReason, 'unknown'>;
  /** Bytes per second from `activityStart` (the span's start, or the range's when later), one value per `activityStep` seconds. */
  activity?: number[];
  activityStep?: number;
  activityStart?: string;
}

export type DetailSegment = Pick<Segment, 'startedAt' | 'endedAt' | 'endReason' | 'bytesPerSecond'>;

/** Seconds per activity value for a range of `rangeMs`, so the answer stays within ACTIVITY_VALUES. */
export function activityStepFor(rangeMs: number): number {
  return Math.max(1, Math.ceil(rangeMs / 1000 / ACTIVITY_VALUES));
}

/**
 * One span's detail from the segments that make it (any order; those outside it are ignored), its
 * activity within `range` only: a span of ten days asked for an hour carries an hour of it.
 */
export function spanDetail(span: { from: number; to: number }, segments: readonly DetailSegment[], step: number, range: { from: number; to: number }): ListDetail {
  const inside = segments.filter((segment) => segment.endedAt > span.from && segment.startedAt < span.to);
  const detail: ListDetail = {};
  // Only where the span really ended: a span cut short (a household's consent ended) says no more.
  const last = inside.find((segment) => segment.endedAt === span.to);
  const reason = last?.endReason;
  if (reason && GAP_REASONS.has(reason)) detail.endReason = reason as ListDetail['endReason'];
  const stepMs = step * 1000;
  const from = Math.max(span.from, range.from);
  const to = Math.min(span.to, range.to);
  const values = new Array<number>(Math.max(0, Math.ceil((to - from) / stepMs))).fill(0);
  let any = false;
  for (const segment of inside) {
    segment.bytesPerSecond.forEach((rate, i) => {
      const at = segment.startedAt + i * 1000;
      if (at < from || at >= to) return;
      const k = Math.floor((at - from) / stepMs);
      values[k] = Math.max(values[k]!, rate);
      any = true;
    });
  }
  if (any) Object.assign(detail, { activity: values, activityStep: step, activityStart: new Date(from).toISOString() });
  return detail;
}
