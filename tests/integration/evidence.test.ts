/**
 * Evidence against a real camera: a clip that starts before the click, a manifest that verifies
 * until one byte changes, a partial clip when the camera drops, and a snapshot.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EvidenceError } from '../../main/evidence/evidenceErrors.js';
import { EvidenceService } from '../../main/evidence/evidenceService.js';
import { manifestPathFor, verifyEvidence } from '../../main/evidence/manifest.js';
import { startRtspFixture, type RtspFixture } from '../fixtures/rtspFixture.js';
import { EngineHarness, FFMPEG, RecordingViewer, avc, waitForFrames, waitForStatus } from './engineHarness.js';

let fixture: RtspFixture;
const engines = new EngineHarness();
const context = (cameraId: string) => ({ cameraId, cameraName: '东村路口', siteName: '东村', operator: { console: 'test', role: 'admin' }, reason: '测试' });

function probe(path: string): { duration: number; creationTime: string | null; frames: number } {
  const out = JSON.parse(
    execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-show_entries', 'format=duration:format_tags=creation_time:stream=nb_read_frames', '-of', 'json', path], { encoding: 'utf8' }),
  ) as { format: { duration: string; tags?: { creation_time?: string } }; streams: { nb_read_frames: string }[] };
  return { duration: Number(out.format.duration), creationTime: out.format.tags?.creation_time ?? null, frames: Number(out.streams[0]!.nb_read_frames) };
}

beforeAll(async () => {
  expect(FFMPEG).not.toBeNull();
  fixture = await startRtspFixture([{ name: 'ev1' }, { name: 'ev2' }]);
});
afterEach(() => engines.closeAll());
afterAll(() => fixture?.close());

function setup(cameraId: string, folder = mkdtempSync(join(tmpdir(), 'vw-evidence-')), maxClipSeconds?: number, ffmpegPath = FFMPEG) {
  const engine = engines.create({ [cameraId]: fixture.url(cameraId) });
  const evidence = new EvidenceService({ engine, ffmpegPath: () => ffmpegPath, folder: () => folder, ...(maxClipSeconds ? { maxClipSeconds } : {}) });
  return { engine, evidence, folder };
}

describe('clips', () => {
  it('starts 5 s before the click and verifies until one byte changes', async () => {
    const { engine, evidence, folder } = setup('ev1');
    engine.attach(avc('ev1'), new RecordingViewer()); // a tile has been showing the camera
    // 5 s of pre-roll starts on a keyframe (one a second): 6 s live holds one at least 5 s back.
    await waitForFrames(engine, 'ev1', (live) => live.since + 6000);
    const clickedAt = Date.now();
    const { clipId, preRollFrom } = await evidence.startClip(context('ev1'));
    expect(clickedAt - preRollFrom!).toBeGreaterThanOrEqual(5000);
    await waitForFrames(engine, 'ev1', () => clickedAt + 2000);
    const manifest = await evidence.stopClip(clipId);
    const path = join(folder, manifest.file);
    const info = probe(path);
    expect(info.duration).toBeGreaterThan(6.5); // ≥ 5 s before the click + 2 s after
    expect(Date.parse(info.creationTime!)).toBeLessThanOrEqual(clickedAt - 5000);
    expect(manifest).toMatchObject({ kind: 'clip', partial: false, cameraId: 'ev1', reason: '测试' });
    expect(await verifyEvidence(manifestPathFor(path))).toMatchObject({ ok: true });

    const bytes = readFileSync(path);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = bytes[middle]! ^ 0xff;
    writeFileSync(path, bytes);
    expect(await verifyEvidence(manifestPathFor(path))).toMatchObject({ ok: false, problem: 'hash_mismatch' });
  }, 40_000);

  it('keeps a partial clip, marked partial with its manifest, when the camera stops mid-clip', async () => {
    const { engine, evidence, folder } = setup('ev2');
    engine.attach(avc('ev2'), new RecordingViewer());
    await waitForFrames(engine, 'ev2', (live) => live.since + 1000);
    const clickedAt = Date.now();
    const { clipId } = await evidence.startClip(context('ev2'));
    await waitForFrames(engine, 'ev2', () => clickedAt + 1500);
    await fixture.stop('ev2');
    await waitForStatus(engine, 'ev2', (s) => s.state !== 'live', 5000);
    const manifest = await evidence.stopClip(clipId);
    await fixture.start('ev2');
    expect(manifest.partial).toBe(true);
    expect(manifest.partialReason).toMatch(/camera/);
    const path = join(folder, manifest.file);
    expect(probe(path).frames).toBeGreaterThan(15);
    expect(await verifyEvidence(manifestPathFor(path))).toMatchObject({ ok: true });
  }, 40_000);

  it('finishes a clip at its maximum length by itself, manifest included', async () => {
    const { engine, evidence, folder } = setup('ev1', undefined, 2);
    engine.attach(avc('ev1'), new RecordingViewer());
    await waitForStatus(engine, 'ev1', (s) => s.state === 'live');
    const { clipId, done } = await evidence.startClip(context('ev1'));
    await done; // nobody clicks stop
    const manifest = await evidence.stopClip(clipId);
    expect(Date.parse(manifest.endedAt) - Date.parse(manifest.clickedAt)).toBeLessThan(3500);
    expect(await verifyEvidence(manifestPathFor(join(folder, manifest.file)))).toMatchObject({ ok: true });
  }, 30_000);

  it('leaves no entries behind when a clip ends by itself, and still answers the stop click that follows', async () => {
    const { engine, evidence } = setup('ev1', undefined, 1);
    engine.attach(avc('ev1'), new RecordingViewer());
    await waitForStatus(engine, 'ev1', (s) => s.state === 'live');
    const ended: string[] = [];
    for (let i = 0; i < 9; i++) {
      const { clipId, done } = await evidence.startClip(context('ev1'));
      await done;
      ended.push(clipId);
    }
    // Nobody pressed stop (the window was closed): nothing of those clips stays open.
    expect(evidence.openClips).toBe(0);
    const manifest = await evidence.stopClip(ended.at(-1)!);
    expect(manifest).toMatchObject({ kind: 'clip', cameraId: 'ev1' });
    // Answered once; and of nine unanswered clips only the last eight are remembered at all.
    expect(await evidence.stopClip(ended.at(-1)!).catch((e: unknown) => e)).toBeInstanceOf(EvidenceError);
    expect(await evidence.stopClip(ended[0]!).catch((e: unknown) => e)).toBeInstanceOf(EvidenceError);
    expect(await evidence.stopClip(ended[1]!)).toMatchObject({ kind: 'clip' });
  }, 30_000);

  it('says the evidence folder is missing when a file stands where it should be, and leaves the file alone', async () => {
    const target = join(mkdtempSync(join(tmpdir(), 'vw-evidence-')), 'inner');
    const { engine, evidence } = setup('ev1', target);
    engine.attach(avc('ev1'), new RecordingViewer());
    await waitForStatus(engine, 'ev1', (s) => s.state === 'live');
    writeFileSync(target, 'not a folder');
    const error = await evidence.startClip(context('ev1')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EvidenceError);
    expect(error).toMatchObject({ problem: 'no_folder' });
    expect(readFileSync(target, 'utf8')).toBe('not a folder');
  });

  it('says ffmpeg failed, not that the folder is missing, when the ffmpeg it was given is gone', async () => {
    // The camera plays (its session's ffmpeg was started earlier); the file has gone since (an update).
    const { engine, evidence } = setup('ev1', undefined, undefined, '/nonexistent/ffmpeg');
    engine.attach(avc('ev1'), new RecordingViewer());
    await waitForStatus(engine, 'ev1', (s) => s.state === 'live');
    await expect(evidence.startClip(context('ev1')).then((clip) => clip.done)).rejects.toMatchObject({ problem: 'ffmpeg_failed' });
    await expect(evidence.snapshot(context('ev1'))).rejects.toMatchObject({ problem: 'ffmpeg_failed' });
  });
});

describe('snapshots', () => {
  it('saves the current picture at full resolution with a manifest', async () => {
    const { engine, evidence, folder } = setup('ev1');
    engine.attach(avc('ev1'), new RecordingViewer());
    await waitForStatus(engine, 'ev1', (s) => s.state === 'live');
    const manifest = await evidence.snapshot(context('ev1'));
    const path = join(folder, manifest.file);
    const size = execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', path], { encoding: 'utf8' }).trim();
    expect(size).toBe('640,360');
    expect(await verifyEvidence(manifestPathFor(path))).toMatchObject({ ok: true, manifest: { kind: 'snapshot' } });
  });
});
