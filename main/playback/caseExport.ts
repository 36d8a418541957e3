/**
 * Exports a recorded range of one or several cameras into one case folder: per camera, the range
 * joined from its segments as one fMP4 (from the keyframe at or before the start) and remuxed by
 * ffmpeg with `-c copy` into a plain MP4 any player opens (no re-encode); then the signed case
 * manifest. The folder is built as `<case>.part` and renamed when whole, so a crash or a full
 * disk never leaves a folder that looks finished.
 */
import { spawn } from 'node:child_process';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { childRegistry } from '../engine/producer/childRegistry.js';
import { guardedCommand } from '../engine/producer/spawnGuard.js';
import { openRecordedStream } from './recordedStream.js';
import type { Gap, Segment } from '../recording/segmentIndex.js';
import { utcStamp } from '../recording/segmentName.js';
import type { SigningKey } from '../store/signingKey.js';
import { writeCaseManifest, type CaseCamera, type CaseManifest } from '../evidence/caseManifest.js';
import { EvidenceError, evidenceErrorOf, ffmpegExitError, ffmpegSpawnError } from '../evidence/evidenceErrors.js';

export interface ExportCamera {
  cameraId: string;
  cameraName: string;
  siteName: string | null;
  segments: Segment[];
  gaps: Gap[];
}

export interface CaseExportInput {
  ffmpegPath: string;
  /** The evidence folder: the case folder is made inside it. */
  evidenceFolder: string;
  caseId: string;
  profile: string;
  from: number;
  to: number;
  operator: { console: string; role: string };
  reason: string | null;
  cameras: ExportCamera[];
  key: SigningKey | null;
}

const iso = (at: number) => new Date(at).toISOString();

/**
 * The plain MP4 from the joined fMP4, fed on ffmpeg's stdin as it is joined: the same samples,
 * written to disk once. No +faststart: it would write the hour a second time (measured: an hour
 * at 2 Mbit/s took 129 s with a temporary file and faststart, against 30 s for a plain copy), and
 * a player opening a local file reads its index at the end as well.
 */
export async function remux(ffmpegPath: string, chunks: AsyncIterable<Buffer>, output: string, startedAt: number): Promise<void> {
  const args = ['-hide_banner', '-loglevel', 'error', '-f', 'mp4', '-i', 'pipe:0', '-map', '0:v:0', '-c', 'copy', '-metadata', `creation_time=${iso(startedAt)}`, '-y', output];
  const { command, args: guarded } = guardedCommand(ffmpegPath, args);
  const child = spawn(command, guarded, { stdio: ['pipe', 'ignore', 'pipe'], windowsHide: true });
  childRegistry.add(child);
  const exited = new Promise<void>((resolve, reject) => {
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    child.once('error', (error) => {
      childRegistry.delete(child);
      reject(ffmpegSpawnError(error));
    });
    child.once('exit', (code) => {
      childRegistry.delete(child);
      if (code === 0) resolve();
      else reject(ffmpegExitError(stderr, code));
    });
  });
  const stdin = child.stdin!;
  stdin.on('error', () => {}); // EPIPE when ffmpeg dies: reported through its exit
  let gone = false;
  void exited.catch(() => {}).finally(() => (gone = true));
  try {
    for await (const chunk of chunks) {
      if (gone) break;
      if (!stdin.write(chunk)) await new Promise<void>((resolve) => { stdin.once('drain', resolve); void exited.catch(() => {}).finally(resolve); });
    }
  } catch (error) {
    // A segment that cannot be read mid-export: ffmpeg would wait on its stdin for ever.
    child.kill('SIGKILL');
    await exited.catch(() => {});
    throw error;
  }
  stdin.end();
  await exited;
}

/** One camera's range as an MP4 in `folder`; its manifest entry (file null when nothing was recorded). */
async function exportCamera(input: CaseExportInput, folder: string, camera: ExportCamera): Promise<CaseCamera> {
  const gaps = camera.gaps.map((gap) => ({ from: iso(gap.from), to: iso(gap.to), reason: gap.reason }));
  const entry = { cameraId: camera.cameraId, cameraName: camera.cameraName, siteName: camera.siteName, gaps };
  const stream = await openRecordedStream(camera.segments, { start: input.from, end: input.to, keyframesOnly: false });
  if (!stream.ok) return { ...entry, file: null, startedAt: null, endedAt: null };
  const file = `${camera.cameraId}_${input.profile}_${utcStamp(stream.startMs)}.mp4`;
  try {
    await remux(input.ffmpegPath, stream.chunks, join(folder, file), stream.startMs);
  } finally {
    await stream.chunks.return();
  }
  return { ...entry, file, startedAt: iso(stream.startMs), endedAt: iso(stream.endMs()) };
}

export async function exportCase(input: CaseExportInput): Promise<{ folder: string; manifest: CaseManifest }> {
  const folder = join(input.evidenceFolder, input.caseId);
  const building = `${folder}.part`;
  try {
    await mkdir(building, { recursive: true, mode: 0o700 });
    const cameras: CaseCamera[] = [];
    for (const camera of input.cameras) cameras.push(await exportCamera(input, building, camera));
    if (cameras.every((camera) => camera.file === null)) throw new EvidenceError('nothing_recorded', `nothing recorded ${iso(input.from)} – ${iso(input.to)}`);
    const manifest = await writeCaseManifest(
      building,
      { caseId: input.caseId, createdAt: iso(Date.now()), profile: input.profile, from: iso(input.from), to: iso(input.to), operator: input.operator, reason: input.reason, cameras },
      input.key,
    );
    await rename(building, folder);
    return { folder, manifest };
  } catch (error) {
    await rm(building, { recursive: true, force: true });
    throw evidenceErrorOf(error, building);
  }
}
