/**
 * Recording against a real camera: segments cut at keyframes into fMP4 that ffprobe reads, on the
 * session's one pull, split at a reconnect and at a wall-clock jump.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CameraRecorder, type ClosedSegment } from '../../main/recording/cameraRecorder.js';
import { gapsBetween, listSegments } from '../../main/recording/segmentIndex.js';
import { parseSegmentFileName, segmentFolder } from '../../main/recording/segmentName.js';
import { readSidecar } from '../../main/recording/sidecar.js';
import { silentLogger } from '../../main/lib/logger.js';
import { startRtspFixture, type RtspFixture } from '../fixtures/rtspFixture.js';
import { EngineHarness, FFMPEG, RecordingViewer, avc, clientFfmpegs, waitForStatus } from './engineHarness.js';

let fixture: RtspFixture;
/** About three seconds of the fixture's camera: the first segment fills it. */
const DISK_KIB = 256;
const engines = new EngineHarness();
const recorders: CameraRecorder[] = [];

beforeAll(async () => {
  expect(FFMPEG).not.toBeNull();
  fixture = await startRtspFixture([{ name: 'rec1' }, { name: 'rec2' }, { name: 'rec3' }, { name: 'rec4' }]);
});
afterEach(async () => {
  await Promise.all(recorders.splice(0).map((recorder) => recorder.stop()));
  await engines.closeAll();
});
afterAll(() => fixture?.close());

/** ffprobe's reading of a file: its duration and how many frames decode. */
export function probe(path: string): { duration: number; frames: number; format: string } {
  const out = JSON.parse(
    execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-show_entries', 'format=duration,format_name:stream=nb_read_frames', '-of', 'json', path], { encoding: 'utf8' }),
  ) as { format: { duration: string; format_name: string }; streams: { nb_read_frames: string }[] };
  return { duration: Number(out.format.duration), frames: Number(out.streams[0]!.nb_read_frames), format: out.format.format_name };
}

function record(cameraId: string, options: { segmentMs?: number; now?: () => number } = {}) {
  const folder = mkdtempSync(join(tmpdir(), 'vw-recording-'));
  const engine = engines.create({ [cameraId]: fixture.url(cameraId) });
  const recorder = new CameraRecorder({ engine, cameraId, profile: 'main', folder, log: silentLogger, segmentMs: options.segmentMs ?? 2000, ...(options.now ? { now: options.now } : {}) });
  recorders.push(recorder);
  const closed: ClosedSegment[] = [];
  recorder.onSegmentClosed((segment) => closed.push(segment));
  const files = () => readdirSync(segmentFolder(folder, cameraId, 'main')).sort();
  return { engine, recorder, folder, closed, files };
}

const untilClosed = (closed: ClosedSegment[], count: number, timeout = 30_000) =>
  vi.waitFor(() => expect(closed.length).toBeGreaterThanOrEqual(count), { timeout, interval: 100 });

describe('segments', () => {
  it('cuts the stream into fMP4 segments at keyframes that ffprobe reads, on the tile’s one pull', async () => {
    const { engine, recorder, closed, files, folder } = record('rec1', { segmentMs: 2000 });
    engine.attach(avc('rec1'), new RecordingViewer()); // a tile shows the camera too
    recorder.start();
    await waitForStatus(engine, 'rec1', (s) => s.state === 'live');
    const startedAt = Date.now();
    await untilClosed(closed, 4);
    const stoppedAt = Date.now();
    expect(clientFfmpegs()).toBe(1); // the recorder rides on the tile's session
    await recorder.stop();
    const wallMs = Date.now() - startedAt;

    const names = files();
    expect(names.filter((name) => name.endsWith('.part'))).toEqual([]);
    const segments = names.filter((name) => name.endsWith('.mp4'));
    expect(segments.length).toBeGreaterThanOrEqual(5);
    let total = 0;
    for (const name of segments) {
      const path = join(segmentFolder(folder, 'rec1', 'main'), name);
      const info = probe(path);
      const sidecar = (await readSidecar(path))!;
      expect(parseSegmentFileName(name)?.cameraId).toBe('rec1');
      expect(info.format).toContain('mp4');
      expect(info.frames).toBeGreaterThan(0);
      // The sidecar's span and ffprobe's duration agree within a frame or two.
      expect(Math.abs((sidecar.endedAt - sidecar.startedAt) / 1000 - info.duration)).toBeLessThan(0.15);
      total += info.duration;
    }
    const cut = closed.filter((segment) => segment.endReason === 'length');
    // Cut at the first keyframe (one a second) 2 s or more in: the segment holds the frames before it.
    for (const segment of cut) expect(segment.sentMs).toBeGreaterThanOrEqual(2000 - 70);
    for (const segment of cut) expect(segment.sentMs).toBeLessThan(3200);
    console.log(`[recording] ${segments.length} segments, ${total.toFixed(2)} s recorded over ${(wallMs / 1000).toFixed(2)} s wall (first ${((stoppedAt - startedAt) / 1000).toFixed(2)} s until 4 closed); lengths ${cut.map((s) => s.sentMs).join(', ')} ms`);
    const listed = await listSegments(folder, 'rec1', 'main');
    expect(listed).toHaveLength(segments.length);
    expect(gapsBetween(listed, listed[0]!.startedAt, listed.at(-1)!.endedAt)).toEqual([]); // back to back at keyframes
    expect(total).toBeLessThanOrEqual(wallMs / 1000 + 1);
    expect(total).toBeGreaterThan(wallMs / 1000 - 1.5);
  }, 60_000);

  it('ends a segment when the camera drops, with reason offline, and starts a new one when it returns', async () => {
    const { engine, recorder, closed, files, folder } = record('rec2', { segmentMs: 60_000 });
    recorder.start();
    await waitForStatus(engine, 'rec2', (s) => s.state === 'live');
    await vi.waitFor(() => expect(recorder.recording).toBe(true), { timeout: 10_000 });
    await fixture.stop('rec2');
    const stoppedAt = Date.now();
    await untilClosed(closed, 1);
    expect(closed[0]!.endReason).toBe('offline');
    // Away for a while (3 s, several failed reconnects), so the gap is plainly more than a seam.
    await waitForStatus(engine, 'rec2', (s) => s.attempt >= 2, 20_000);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, stoppedAt + 3000 - Date.now())));
    const restartedAt = Date.now();
    await fixture.start('rec2');
    await vi.waitFor(() => expect(recorder.recording).toBe(true), { timeout: 30_000 });
    await recorder.stop();
    expect(closed.map((s) => s.endReason)).toEqual(['offline', 'console_stopped']);
    expect(files().filter((name) => name.endsWith('.mp4'))).toHaveLength(2);
    const listed = await listSegments(folder, 'rec2', 'main');
    const gaps = gapsBetween(listed, listed[0]!.startedAt, listed.at(-1)!.endedAt);
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ reason: 'offline' });
    expect(gaps[0]!.from).toBeLessThanOrEqual(stoppedAt + 70); // the last frame's arrival, plus its own length
    expect(gaps[0]!.to).toBeGreaterThanOrEqual(restartedAt);
    // Nothing else missing: the two segments and the gap fill the span from first frame to last.
    const span = listed.at(-1)!.endedAt - listed[0]!.startedAt;
    const covered = listed.reduce((sum, s) => sum + s.endedAt - s.startedAt, 0) + gaps[0]!.to - gaps[0]!.from;
    expect(Math.abs(span - covered)).toBeLessThan(100);
    for (const segment of listed) expect(Math.abs(probe(segment.path).duration - (segment.endedAt - segment.startedAt) / 1000)).toBeLessThan(0.15);
    console.log(`[recording] camera away ${((restartedAt - stoppedAt) / 1000).toFixed(2)} s: gap of ${((gaps[0]!.to - gaps[0]!.from) / 1000).toFixed(2)} s, reason ${gaps[0]!.reason}`);
  }, 60_000);

  it('records 3 minutes as the wall clock runs, a camera away for 20 s leaving one gap “offline” and nothing else missing', async () => {
    const { engine, recorder, closed, folder } = record('rec4', { segmentMs: 60_000 }); // the console's own length
    recorder.start();
    await waitForStatus(engine, 'rec4', (s) => s.state === 'live');
    await vi.waitFor(() => expect(recorder.recording).toBe(true), { timeout: 10_000 });
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await sleep(80_000);
    await fixture.stop('rec4');
    const awayAt = Date.now();
    await sleep(20_000);
    await fixture.start('rec4');
    await vi.waitFor(() => expect(recorder.recording).toBe(true), { timeout: 30_000 });
    await sleep(Math.max(0, awayAt + 100_000 - Date.now())); // 3 minutes from the first frame, camera away included
    await recorder.stop();
    const stoppedAt = Date.now();

    const listed = await listSegments(folder, 'rec4', 'main');
    let recorded = 0;
    for (const segment of listed) {
      const info = probe(segment.path);
      expect(info.format).toContain('mp4');
      expect(info.frames).toBeGreaterThan(0);
      recorded += info.duration;
    }
    const wall = (stoppedAt - listed[0]!.startedAt) / 1000;
    const gaps = gapsBetween(listed, listed[0]!.startedAt, listed.at(-1)!.endedAt);
    expect(gaps.map((gap) => gap.reason)).toEqual(['offline']);
    const away = (gaps[0]!.to - gaps[0]!.from) / 1000;
    expect(away).toBeGreaterThanOrEqual(20);
    console.log(`[recording] 3 minutes: ${listed.length} segments (${closed.map((s) => s.endReason).join(', ')}), ${recorded.toFixed(2)} s recorded + ${away.toFixed(2)} s offline over ${wall.toFixed(2)} s wall`);
    // What ffprobe plays plus the camera's absence is the wall time the recorder ran.
    expect(Math.abs(recorded + away - wall)).toBeLessThanOrEqual(1);
    expect(wall).toBeGreaterThanOrEqual(175);
  }, 300_000);

  it('splits the segment at a wall-clock jump and keeps both sides in order', async () => {
    let shift = 0;
    const { engine, recorder, closed, files } = record('rec3', { segmentMs: 60_000, now: () => Date.now() + shift });
    recorder.start();
    await waitForStatus(engine, 'rec3', (s) => s.state === 'live');
    await vi.waitFor(() => expect(recorder.recording).toBe(true), { timeout: 10_000 });
    shift = 3600_000; // NTP puts the clock an hour forward
    await untilClosed(closed, 1);
    await recorder.stop();
    expect(closed.map((s) => s.endReason)).toEqual(['clock_jump', 'console_stopped']);
    const starts = files().filter((name) => name.endsWith('.mp4')).map((name) => parseSegmentFileName(name)!.startedAt);
    expect(starts).toHaveLength(2);
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(3600_000);
  }, 60_000);

  it('keeps the times of what it wrote before the clock was set an hour back', async () => {
    let shift = 0;
    const { engine, recorder, closed, files, folder } = record('rec3', { segmentMs: 60_000, now: () => Date.now() + shift });
    recorder.start();
    await waitForStatus(engine, 'rec3', (s) => s.state === 'live');
    await vi.waitFor(() => expect(recorder.recording).toBe(true), { timeout: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    shift = -3600_000; // the clock set an hour back (by hand, or the end of a wrong NTP step)
    await untilClosed(closed, 1);
    await recorder.stop();
    expect(closed.map((s) => s.endReason)).toEqual(['clock_jump', 'console_stopped']);
    const first = files().filter((name) => name.endsWith('.mp4'))[1]!; // sorted by name: the later-named is the first written
    const sidecar = (await readSidecar(join(segmentFolder(folder, 'rec3', 'main'), first)))!;
    // Its sidecar's start stays where its name says, not an hour before.
    expect(Math.abs(sidecar.startedAt - parseSegmentFileName(first)!.startedAt)).toBeLessThan(2000);
  }, 60_000);
});

/** A tmpfs of `kib` KiB mounted for the test: a real disk that fills (the test runs as root). */
function smallDisk(kib: number): { path: string; unmount: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'vw-small-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kib}k`, 'tmpfs', path]);
  return { path, unmount: () => execFileSync('umount', ['-l', path]) };
}

describe('a disk that fills', () => {
  it('ends the segment with disk_full keeping what was whole, waits longer between attempts, and the tile plays on', async () => {
    const disk = smallDisk(DISK_KIB);
    try {
      const engine = engines.create({ rec2: fixture.url('rec2') });
      const tile = new RecordingViewer();
      engine.attach(avc('rec2'), tile);
      const recorder = new CameraRecorder({ engine, cameraId: 'rec2', profile: 'main', folder: disk.path, log: silentLogger, segmentMs: 60_000 });
      recorders.push(recorder);
      const closed: (ClosedSegment & { at: number })[] = [];
      recorder.onSegmentClosed((segment) => closed.push({ ...segment, at: Date.now() }));
      recorder.start();
      await vi.waitFor(() => expect(closed.length).toBeGreaterThanOrEqual(4), { timeout: 30_000, interval: 100 });
      const tileBytes = tile.bytes;
      await recorder.stop();
      console.log(`[recording] a ${DISK_KIB} KiB disk: ${closed.map((s) => `${s.endReason} ${s.path ? `kept ${(s.sentMs / 1000).toFixed(2)} s given` : 'nothing kept'}`).join('; ')}`);
      // The first segment filled the disk: its whole fragments play, the one cut off is gone.
      expect(closed[0]).toMatchObject({ endReason: 'disk_full' });
      const kept = probe(closed[0]!.path!);
      expect(kept.frames).toBeGreaterThan(0);
      expect((await readSidecar(closed[0]!.path!))?.repaired).toBe(true);
      // Then nothing fits: each attempt leaves no file, and the next waits longer (1 s, then 2 s), not a new file at every keyframe.
      for (const segment of closed.slice(1, 4)) expect(segment).toMatchObject({ path: null, endReason: 'disk_full' });
      expect(closed[3]!.at - closed[2]!.at).toBeGreaterThanOrEqual(1900);
      expect(readdirSync(segmentFolder(disk.path, 'rec2', 'main')).filter((name) => name.endsWith('.part'))).toEqual([]);
      expect(tileBytes).toBeGreaterThan(50_000); // the wall played on
    } finally {
      await Promise.all(recorders.splice(0).map((recorder) => recorder.stop()));
      disk.unmount();
    }
  }, 60_000);
});
