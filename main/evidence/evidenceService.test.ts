/**
 * The evidence service on real ffmpeg and a demo camera (ffmpeg's own test picture, no RTSP
 * server): manifests it wrote that no longer check out, a console closing with clips open, a
 * camera with no picture, and an ffmpeg that fails.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { locateFfmpeg } from '../engine/producer/ffmpegLocator.js';
import { silentLogger } from '../lib/logger.js';
import type { SessionSource } from '../engine/source/sessionSource.js';
import { StreamEngine } from '../engine/session/streamEngine.js';
import { EvidenceError } from './evidenceErrors.js';
import { EvidenceService } from './evidenceService.js';
import { manifestPathFor, verifyEvidence } from './manifest.js';

const FFMPEG = locateFfmpeg()?.path ?? null;
const context = (cameraId: string) => ({ cameraId, cameraName: '村口', siteName: '东村', operator: { console: 'test', role: 'operator' }, reason: null });

let engines: StreamEngine[] = [];
afterEach(async () => {
  await Promise.all(engines.map((engine) => engine.close()));
  engines = [];
});

const SOURCES: Record<string, SessionSource> = {
  demo: { kind: 'demo', url: 'demo:crossroads', credentials: {} },
  // Nothing listens on port 1: the camera refuses every connection.
  refusing: { kind: 'rtsp', url: 'rtsp://127.0.0.1:1/ch1', credentials: {} },
};

function setup(evidenceFfmpeg: string | null = FFMPEG) {
  const engine = new StreamEngine({
    resolveSource: (cameraId) => SOURCES[cameraId] ?? null,
    ffmpegPath: () => FFMPEG,
    log: silentLogger,
    graceMs: 300,
  });
  engines.push(engine);
  const folder = mkdtempSync(join(tmpdir(), 'vw-evidence-'));
  const evidence = new EvidenceService({ engine, ffmpegPath: () => evidenceFfmpeg, folder: () => folder });
  return { engine, evidence, folder };
}

describe('verifying evidence the service saved', () => {
  it('says missing_media when the picture is gone, and bad_manifest when its manifest is damaged', async () => {
    const { evidence, folder } = setup();
    const first = await evidence.snapshot(context('demo'));
    const second = await evidence.snapshot(context('demo'));
    const firstManifest = manifestPathFor(join(folder, first.file));
    const secondManifest = manifestPathFor(join(folder, second.file));
    expect(await verifyEvidence(firstManifest)).toMatchObject({ ok: true });

    rmSync(join(folder, first.file));
    expect(await verifyEvidence(firstManifest)).toMatchObject({ ok: false, problem: 'missing_media' });

    writeFileSync(secondManifest, readFileSync(secondManifest, 'utf8').slice(0, 40));
    expect(await verifyEvidence(secondManifest)).toMatchObject({ ok: false, problem: 'bad_manifest' });
    writeFileSync(secondManifest, JSON.stringify({ ...second, version: 2 }));
    expect(await verifyEvidence(secondManifest)).toMatchObject({ ok: false, problem: 'bad_manifest' });
  }, 30_000);
});

describe('a console closing with clips open', () => {
  it('finishes every open clip with its manifest, nothing left recording', async () => {
    const { evidence, folder } = setup();
    const clips = [await evidence.startClip(context('demo')), await evidence.startClip(context('demo'))];
    // Both files have video in them.
    await expect.poll(() => mediaSizes(folder).filter((size) => size > 0).length, { timeout: 15_000 }).toBe(2);
    expect(evidence.openClips).toBe(2);
    await evidence.close();
    expect(evidence.openClips).toBe(0);
    const manifests = await Promise.all(clips.map((clip) => clip.done));
    for (const manifest of manifests) {
      expect(manifest).toMatchObject({ kind: 'clip', cameraId: 'demo', partial: false });
      expect(manifest.bytes).toBeGreaterThan(0);
      expect(await verifyEvidence(manifestPathFor(join(folder, manifest.file)))).toMatchObject({ ok: true });
    }
  }, 30_000);
});

describe('evidence that cannot be taken', () => {
  it('says camera_not_live for a snapshot of a camera with no picture, and writes nothing', async () => {
    const { evidence, folder } = setup();
    const failure = await evidence.snapshot(context('refusing')).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EvidenceError);
    expect(failure).toMatchObject({ problem: 'camera_not_live' });
    expect(mediaSizes(folder)).toEqual([]);
  }, 30_000);

  it('says camera_not_live, not that ffmpeg failed, for a clip of a camera that never sends a picture', async () => {
    const { evidence } = setup();
    const { clipId, done } = await evidence.startClip(context('refusing'));
    await expect(done).rejects.toMatchObject({ problem: 'camera_not_live' });
    expect(evidence.openClips).toBe(0);
    await expect(evidence.stopClip(clipId)).rejects.toMatchObject({ problem: 'camera_not_live' });
  }, 30_000);

  it('says ffmpeg_failed when the snapshot ffmpeg exits with an error, and leaves no manifest', async () => {
    const { evidence, folder } = setup('/bin/false');
    const failure = await evidence.snapshot(context('demo')).catch((error: unknown) => error);
    expect(failure).toMatchObject({ problem: 'ffmpeg_failed', message: 'ffmpeg exited with 1' });
    expect(jsonFiles(folder)).toEqual([]);
  }, 30_000);

  it('says ffmpeg_failed to the stop click when the clip ffmpeg exits with an error, and forgets the clip after', async () => {
    const { evidence } = setup('/bin/false');
    const { clipId, done } = await evidence.startClip(context('demo'));
    await expect(done).rejects.toMatchObject({ problem: 'ffmpeg_failed' });
    expect(evidence.openClips).toBe(0);
    await expect(evidence.stopClip(clipId)).rejects.toMatchObject({ problem: 'ffmpeg_failed', message: 'ffmpeg exited with 1' });
    await expect(evidence.stopClip(clipId)).rejects.toMatchObject({ message: `no clip ${clipId}` });
  }, 30_000);
});

/** Sizes of the pictures and clips in the folder. */
function mediaSizes(folder: string): number[] {
  return listing(folder)
    .filter((name) => name.endsWith('.mp4') || name.endsWith('.jpg'))
    .map((name) => statSync(join(folder, name)).size);
}

const jsonFiles = (folder: string) => listing(folder).filter((name) => name.endsWith('.json'));
const listing = (folder: string) => (existsSync(folder) ? readdirSync(folder) : []);
