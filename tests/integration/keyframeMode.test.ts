/**
 * Keyframe-only forwarding, for tiles under decode pressure: only keyframes go out, and a viewer
 * switched between modes keeps a stream a decoder reads without a single error.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLOCK_TAG_NAME, flvTimestamp } from '../../main/engine/container/flv.js';
import { PACE_MS } from '../../main/engine/fanout/viewerTimeline.js';
import { TsDemuxer } from '../../preload/media/tsDemuxer.js';
import { startRtspFixture, type RtspFixture } from '../fixtures/rtspFixture.js';
import { EngineHarness, RecordingViewer, avc, waitForFrames, waitForStatus } from './engineHarness.js';

let fixture: RtspFixture;
const engines = new EngineHarness();
beforeAll(async () => {
  fixture = await startRtspFixture([{ name: 'kf' }, { name: 'kfts', codec: 'h265' }]);
});
afterEach(() => engines.closeAll());
afterAll(() => fixture?.close());

const frames = (viewer: RecordingViewer) => viewer.chunks.filter((c) => c[0] === 9 && c[12] === 1);
const isKey = (tag: Buffer) => tag[11]! >> 4 === 1;

/** Decodes a recorded stream with ffmpeg; returns its error output (empty when clean) and frame count. */
function decode(bytes: Buffer, format: 'flv' | 'mpegts'): { errors: string; frames: number } {
  const path = join(mkdtempSync(join(tmpdir(), 'vw-kf-')), `stream.${format === 'flv' ? 'flv' : 'ts'}`);
  writeFileSync(path, bytes);
  const out = execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const errors = execFileSync('ffmpeg', ['-v', 'error', '-i', path, '-f', 'null', '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { errors, frames: Number(out.trim().split(/\s+/)[0]) };
}

describe('keyframe-only viewers', () => {
  it('get only keyframes, about one a second, while a full viewer gets every frame', async () => {
    const engine = engines.create({ kf: fixture.url('kf') });
    const full = new RecordingViewer();
    const sparse = new RecordingViewer();
    engine.attach(avc('kf'), full);
    await waitForStatus(engine, 'kf', (s) => s.state === 'live');
    engine.attach(avc('kf'), sparse, 'keyframes');
    const attachedAt = Date.now();
    await waitForFrames(engine, 'kf', () => attachedAt + 4000); // four seconds of the camera
    // Each keyframe twice (the copy is what the player holds back), on a paced timeline.
    const tags = frames(sparse);
    expect(tags.length % 2).toBe(0);
    expect(tags.length / 2).toBeGreaterThanOrEqual(3);
    expect(tags.length / 2).toBeLessThanOrEqual(6);
    expect(tags.every(isKey)).toBe(true);
    for (let i = 0; i < tags.length; i += 2) expect(tags[i + 1]!.subarray(11)).toEqual(tags[i]!.subarray(11));
    const times = tags.map(flvTimestamp);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBe(PACE_MS);
    expect(frames(full).length).toBeGreaterThan(40);
    expect(decode(Buffer.concat(sparse.chunks), 'flv').errors).toBe('');
  });

  it('precedes every keyframe a player gets with the host\'s clock', async () => {
    const engine = engines.create({ kf: fixture.url('kf') });
    const viewer = new RecordingViewer();
    engine.attach(avc('kf'), viewer);
    await waitForStatus(engine, 'kf', (s) => s.state === 'live');
    await expect.poll(() => frames(viewer).filter(isKey).length, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    const received = Date.now();
    const clockName = Buffer.from(CLOCK_TAG_NAME, 'latin1');
    const isClock = (c: Buffer) => c[0] === 18 && c.subarray(14, 14 + clockName.length).equals(clockName);
    const keyframes = viewer.chunks.map((c, i) => ({ c, i })).filter(({ c }) => c[0] === 9 && c[12] === 1 && isKey(c));
    for (const { c, i } of keyframes) {
      const clock = viewer.chunks[i - 1]!;
      expect(isClock(clock)).toBe(true);
      expect(flvTimestamp(clock)).toBe(flvTimestamp(c));
      const sentAt = clock.readDoubleBE(14 + clockName.length + 1);
      expect(received - sentAt).toBeGreaterThanOrEqual(0);
      expect(received - sentAt).toBeLessThan(5000);
    }
  });

  it('switches full → keyframes → full and stays a valid stream', async () => {
    const engine = engines.create({ kf: fixture.url('kf') });
    const viewer = new RecordingViewer();
    engine.attach(avc('kf'), viewer);
    await waitForStatus(engine, 'kf', (s) => s.state === 'live');
    const GOP = 15; // the fixture sends one keyframe a second at 15 fps
    await expect.poll(() => frames(viewer).length, { timeout: 5000 }).toBeGreaterThanOrEqual(GOP);
    expect(engine.setViewerMode(viewer, 'keyframes')).toBe(true);
    const sparseFrom = frames(viewer).length;
    // Two keyframes in keyframe mode (each sent twice: the copy is what the player holds back).
    await expect.poll(() => frames(viewer).length, { timeout: 5000 }).toBeGreaterThanOrEqual(sparseFrom + 4);
    expect(engine.setViewerMode(viewer, 'full')).toBe(true);
    const fullFrom = frames(viewer).length;
    await expect.poll(() => frames(viewer).slice(fullFrom).filter((t) => !isKey(t)).length, { timeout: 5000 }).toBeGreaterThanOrEqual(GOP);
    const result = decode(Buffer.concat(viewer.chunks), 'flv');
    expect(result.errors).toBe('');
    expect(result.frames).toBe(frames(viewer).length);
    const times = frames(viewer).map(flvTimestamp);
    for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThan(times[i - 1]!);
  });

  it('works on MPEG-TS too (H.265 passed through): keyframe packets whole, each handed to the page as it arrives, after the host\'s clock', async () => {
    const engine = engines.create({ kfts: fixture.url('kfts') });
    const request = { cameraId: 'kfts', profile: 'main' as const, acceptsHevc: true };
    await engine.prepare(request);
    const viewer = new RecordingViewer();
    engine.attach(request, viewer, 'keyframes');
    await waitForFrames(engine, 'kfts', (live) => live.since + 3500);
    // ffmpeg reads it cleanly, the host's clock and picture-end packets skipped.
    const result = decode(Buffer.concat(viewer.chunks), 'mpegts');
    expect(result.errors).toBe('');
    expect(result.frames).toBeGreaterThanOrEqual(2);
    expect(result.frames).toBeLessThanOrEqual(6);
    // The WebCodecs player's demuxer, fed packet by packet as the socket would.
    const demuxer = new TsDemuxer();
    const keyframes: number[] = [];
    const clocks: number[] = [];
    let waitedForNext = 0;
    for (const chunk of viewer.chunks) {
      const startsPicture = (chunk[1]! & 0x40) !== 0 && (chunk[3]! & 0x20) !== 0 && (chunk[5]! & 0x40) !== 0;
      for (const item of demuxer.push(new Uint8Array(chunk))) {
        if (item.kind === 'clock') clocks.push(item.sentAt);
        if (item.kind !== 'picture') continue;
        expect(item.key).toBe(true);
        keyframes.push(item.pts);
        // Out only when the next keyframe starts: a whole GOP late in this mode.
        if (startsPicture) waitedForNext += 1;
      }
    }
    expect(keyframes.length).toBeGreaterThanOrEqual(2);
    expect(waitedForNext).toBe(0);
    // A clock before each keyframe (the last one's may be all that arrived of it).
    expect(clocks.length - keyframes.length).toBeGreaterThanOrEqual(0);
    expect(clocks.length - keyframes.length).toBeLessThanOrEqual(1);
    const received = Date.now();
    for (const sentAt of clocks) expect(received - sentAt).toBeLessThan(10_000);
  });
});
