import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../lib/logger.js';
import { StreamEngine } from '../engine/session/streamEngine.js';
import { EvidenceError, problemOf } from './evidenceErrors.js';
import { EvidenceService } from './evidenceService.js';
import { writeManifest } from './manifest.js';

const context = { cameraId: 'cam-1', cameraName: '村口', siteName: null, operator: { console: 'c1', role: 'operator' }, reason: null };
const manifestFields = { kind: 'snapshot' as const, ...context, startedAt: '', clickedAt: '', endedAt: '', partial: false, partialReason: null };

describe('evidence that cannot be written says why', () => {
  it.each([
    ['ENOSPC', 'disk_full'],
    ['EACCES', 'no_permission'],
    ['ENOENT', 'no_folder'],
    ['ENOTDIR', 'no_folder'],
  ])('reads %s as %s', (code, problem) => {
    expect(problemOf(`${code}: write`, code)).toBe(problem);
  });

  it('says the evidence folder is missing when a file stands where it should be', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'vw-evidence-')), 'evidence');
    writeFileSync(folder, 'a file where the folder should be');
    const engine = new StreamEngine({ resolveSource: () => null, ffmpegPath: () => null, log: silentLogger });
    const service = new EvidenceService({ engine, ffmpegPath: () => 'ffmpeg', folder: () => folder });
    await expect(service.snapshot(context)).rejects.toMatchObject({ problem: 'no_folder' });
    await expect(service.startClip(context)).rejects.toMatchObject({ problem: 'no_folder' });
  });

  it('turns a manifest that cannot be written into an evidence error, not a raw system error', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'vw-evidence-'));
    const media = join(folder, 'cam-1.jpg');
    writeFileSync(media, 'jpeg');
    rmSync(folder, { recursive: true }); // the folder went away (a USB disk pulled) before the manifest
    const failure = await writeManifest(media, manifestFields).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EvidenceError);
    expect(failure).toMatchObject({ problem: 'no_folder' });
    mkdirSync(folder);
  });
});
