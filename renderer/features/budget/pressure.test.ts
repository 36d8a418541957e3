import { describe, expect, it } from 'vitest';
import { hostLatencyMs, RATE_WINDOW_MS, TileMeter, tileFinding, tileVerdict, WARM_UP_MS, type ProbedVideo, type TileReading } from './pressure';

/** A fake <video>: frames and playhead advance as the test says. */
function fakeVideo() {
  const state = { total: 0, dropped: 0, time: 0, end: 0.3, paused: false };
  const video: ProbedVideo = {
    get currentTime() {
      return state.time;
    },
    set currentTime(value: number) {
      state.time = value;
    },
    get paused() {
      return state.paused;
    },
    buffered: { get length() { return 1; }, end: () => state.end },
    getVideoPlaybackQuality: () => ({ totalVideoFrames: state.total, droppedVideoFrames: state.dropped }),
  };
  return { video, state };
}

const reading = (extra: Partial<TileReading> = {}): TileReading => ({ fps: 25, droppedFps: 0, latency: 0.3, latencyRising: false, transit: 0.01, ...extra });

describe('TileMeter', () => {
  it('says nothing while warming up, then reports presented fps, drops and latency over the rate window', () => {
    const meter = new TileMeter();
    const { video, state } = fakeVideo();
    const out: (TileReading | null)[] = [];
    for (let second = 0; second <= 8; second++) {
      out.push(meter.read(video, second * 1000));
      state.total += 25;
      state.dropped += second >= 5 ? 5 : 0;
      state.time += 1;
      state.end += 1;
    }
    expect(out.slice(0, 5).every((r) => r === null)).toBe(true);
    expect(out[5]).toMatchObject({ fps: 25, droppedFps: 0 });
    expect(out[6]!.droppedFps).toBeCloseTo(5 / 3); // one second of drops in the 3 s window
    expect(out[8]).toMatchObject({ fps: 20, droppedFps: 5 });
    expect(out[8]!.latency).toBeCloseTo(0.3);
    expect(WARM_UP_MS).toBe(5000);
    expect(RATE_WINDOW_MS).toBe(3000);
  });

  it('counts its warm-up from the first frame, not from when the tile began to be read', () => {
    // A WebCodecs tile has its probe at once; its first keyframe may come seconds later while
    // fifteen other tiles open too.
    const meter = new TileMeter();
    const { video, state } = fakeVideo();
    const out: (TileReading | null)[] = [];
    for (let second = 0; second <= 14; second++) {
      out.push(meter.read(video, second * 1000));
      if (second >= 6) state.total += 15;
    }
    // The first frames come between the readings at 6 s and 7 s: nothing said before 6 + 5 s.
    expect(out.slice(0, 11).every((r) => r === null)).toBe(true);
    expect(out[11]).toMatchObject({ fps: 15 });
  });

  it('reads how late the stream arrives from main, as the player marks it', () => {
    const meter = new TileMeter();
    const { video, state } = fakeVideo();
    const marked = { ...video, dataset: { transitMs: '900' } } as ProbedVideo;
    let last: TileReading | null = null;
    for (let second = 0; second <= 6; second++) {
      last = meter.read(marked, second * 1000);
      state.total += 25;
      state.time += 1;
      state.end += 1;
    }
    expect(last?.transit).toBeCloseTo(0.9);
  });

  it('notices latency rising', () => {
    const meter = new TileMeter();
    const { video, state } = fakeVideo();
    let last: TileReading | null = null;
    for (let second = 0; second <= 8; second++) {
      last = meter.read(video, second * 1000);
      state.total += 25;
      state.time += 0.7; // decoding falls behind: the playhead gains less than a second a second
      state.end += 1;
    }
    expect(last?.latencyRising).toBe(true);
  });

  it('starts over when the video changes or pauses', () => {
    const meter = new TileMeter();
    const a = fakeVideo();
    const b = fakeVideo();
    for (let s = 0; s < 7; s++) meter.read(a.video, s * 1000);
    expect(meter.read(b.video, 7000)).toBeNull();
    a.state.paused = true;
    expect(meter.read(a.video, 8000)).toBeNull();
    expect(meter.read(null, 9000)).toBeNull();
  });
});

describe('verdicts', () => {
  it('finds clear pressure only', () => {
    expect(tileVerdict({ reading: reading(), sourceFps: 25, level: 0 })).toBe('calm');
    expect(tileVerdict({ reading: reading({ fps: 21 }), sourceFps: 25, level: 0 })).toBe('between');
    expect(tileVerdict({ reading: reading({ fps: 18 }), sourceFps: 25, level: 0 })).toBe('pressure');
    expect(tileVerdict({ reading: reading({ droppedFps: 3 }), sourceFps: 25, level: 1 })).toBe('pressure');
    expect(tileVerdict({ reading: reading({ latency: 2.5 }), sourceFps: 25, level: 0 })).toBe('pressure');
    expect(tileVerdict({ reading: reading({ latency: 1.0, latencyRising: true }), sourceFps: 25, level: 0 })).toBe('pressure');
    expect(tileVerdict({ reading: reading({ latency: 1.0 }), sourceFps: 25, level: 0 })).toBe('between');
    expect(tileVerdict({ reading: null, sourceFps: 25, level: 0 })).toBe('unknown');
    // Late from main, however small the player's own buffer: the page is not keeping up.
    expect(tileVerdict({ reading: reading({ transit: 1.1 }), sourceFps: 25, level: 0 })).toBe('pressure');
    expect(tileVerdict({ reading: reading({ transit: 1.1 }), sourceFps: 25, level: 2 })).toBe('pressure');
    expect(tileVerdict({ reading: reading({ transit: null }), sourceFps: 25, level: 0 })).toBe('calm');
  });

  it('does not hold keyframes-only tiles to the source rate', () => {
    expect(tileVerdict({ reading: reading({ fps: 1 }), sourceFps: 25, level: 2 })).toBe('calm');
    expect(tileVerdict({ reading: reading({ fps: 1, latency: 1.0 }), sourceFps: 25, level: 2 })).toBe('between');
    expect(tileVerdict({ reading: reading({ fps: 1, latency: 3 }), sourceFps: 25, level: 2 })).toBe('pressure');
  });

  it('names the figure that made a pressure verdict', () => {
    expect(tileFinding({ reading: reading({ transit: 1.1 }), sourceFps: 25, level: 0 })).toEqual({ verdict: 'pressure', why: 'late from main 1.10 s' });
    expect(tileFinding({ reading: reading({ fps: 12 }), sourceFps: 25, level: 0 })).toEqual({ verdict: 'pressure', why: '12.0 fps of 25' });
    expect(tileFinding({ reading: reading({ droppedFps: 4 }), sourceFps: 25, level: 0 })).toEqual({ verdict: 'pressure', why: 'dropped 4.0/s of 25' });
    expect(tileFinding({ reading: reading(), sourceFps: 25, level: 0 })).toEqual({ verdict: 'calm', why: null });
  });

  it("says how long this console holds a picture: the stream's wait before the page plus the player's", () => {
    const probe = (transitMs: string | undefined, ahead: number | null): ProbedVideo => ({
      currentTime: 10,
      paused: false,
      buffered: ahead === null ? { length: 0, end: () => 0 } : { length: 1, end: () => 10 + ahead },
      dataset: transitMs === undefined ? {} : { transitMs },
    });
    expect(hostLatencyMs(probe('40', 0.25))).toBe(290);
    expect(hostLatencyMs(probe(undefined, 0.1))).toBe(100);
    expect(hostLatencyMs(probe('35', null))).toBe(35);
    expect(hostLatencyMs(probe(undefined, null))).toBeNull();
    expect(hostLatencyMs(null)).toBeNull();
  });
});
