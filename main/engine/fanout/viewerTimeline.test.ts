import { describe, expect, it } from 'vitest';
import { TAG_VIDEO, flvTimestamp } from '../container/flv.js';
import { flvTag } from '../container/flvTestData.js';
import { PACE_MS, ViewerTimeline } from './viewerTimeline.js';

const keyframe = (ts: number) => flvTag(TAG_VIDEO, ts, [0x17, 1, 0, 0, 0, 0xaa]);
const interframe = (ts: number) => flvTag(TAG_VIDEO, ts, [0x27, 1, 0, 0, 0, 0xbb]);
const times = (tags: Buffer[]) => tags.map(flvTimestamp);

describe('a viewer timeline', () => {
  it('passes full-rate tags through untouched while it never paced', () => {
    const timeline = new ViewerTimeline();
    const tag = interframe(1000);
    const [out] = timeline.full(tag);
    expect(out).toBe(tag); // the same shared bytes: no copy on the common path
  });

  it('sends each keyframe twice, paced one short step apart, without touching the shared tag', () => {
    const timeline = new ViewerTimeline();
    timeline.full(interframe(900));
    const shared = keyframe(1000);
    const first = timeline.keyframe(shared);
    const second = timeline.keyframe(keyframe(2000));
    expect(times(first)).toEqual([900 + PACE_MS, 900 + 2 * PACE_MS]);
    expect(times(second)).toEqual([900 + 3 * PACE_MS, 900 + 4 * PACE_MS]);
    expect(flvTimestamp(shared)).toBe(1000);
    expect(first[0]!.subarray(11)).toEqual(shared.subarray(11));
  });

  it('continues one step after the last paced copy when back at full rate, with the source spacing', () => {
    const timeline = new ViewerTimeline();
    timeline.keyframe(keyframe(1000));
    timeline.keyframe(keyframe(2000));
    const back = [...timeline.full(keyframe(9000)), ...timeline.full(interframe(9067)), ...timeline.full(interframe(9133))];
    const last = 1000 + 3 * PACE_MS;
    expect(times(back)).toEqual([last + PACE_MS, last + PACE_MS + 67, last + PACE_MS + 133]);
  });

  it('keeps every timestamp rising across repeated mode changes', () => {
    const timeline = new ViewerTimeline();
    const out: number[] = [];
    let ts = 0;
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 15; i++, ts += 67) out.push(...times(timeline.full(i === 0 ? keyframe(ts) : interframe(ts))));
      for (let k = 0; k < 3; k++, ts += 1000) out.push(...times(timeline.keyframe(keyframe(ts))));
    }
    expect(out).toHaveLength(4 * (15 + 3 * 2));
    for (let i = 1; i < out.length; i++) expect(out[i]!).toBeGreaterThan(out[i - 1]!);
  });
});
