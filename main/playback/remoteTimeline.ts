/**
 * Another recorder's /list made into the timeline's view of a camera (recording.list): its spans
 * cut to the range asked, each with the activity and end reason our console's /list gives
 * (listDetail.ts) — a MediaMTX server gives neither, so its gaps read "reason unknown" and its
 * strip stays empty. No files, sizes or keyframe counts: those are the other recorder's.
 */
import type { RecordingListView } from '../../preload/api.js';
import { gapsBetween } from '../recording/segmentIndex.js';
import type { RemoteSpan } from './remoteRecorder.js';

export function remoteTimeline(spans: readonly RemoteSpan[], from: number, to: number, now: number): Pick<RecordingListView, 'segments' | 'gaps'> {
  const cut = spans
    .map((span) => ({ span, startedAt: Math.max(span.from, from), endedAt: Math.min(span.to, to) }))
    .filter(({ startedAt, endedAt }) => endedAt > startedAt);
  const segments = cut.map(({ span, startedAt, endedAt }) => {
    // The activity is placed from where the remote says it starts: the same cut, or none if it disagrees.
    const activity = span.activity && span.activity.start === startedAt ? span.activity : null;
    return {
      file: '',
      startedAt,
      endedAt,
      bytes: 0,
      keyframes: null,
      bytesPerSecond: activity?.values ?? [],
      ...(activity && activity.step !== 1 ? { secondsPerValue: activity.step } : {}),
      repaired: false,
    };
  });
  const ends = cut.map(({ span, startedAt, endedAt }) => ({ startedAt, endedAt, endReason: span.endReason ?? null }));
  return { segments, gaps: gapsBetween(ends, from, Math.min(to, now)) };
}
