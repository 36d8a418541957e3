/**
 * Every evidence file has a sidecar manifest: what, where, when, who, why, and the SHA-256 of the
 * media, so "verify" can later say whether the file is exactly what was saved.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { evidenceErrorOf } from './evidenceErrors.js';

export interface EvidenceManifest {
  version: 1;
  kind: 'clip' | 'snapshot';
  file: string;
  sha256: string;
  bytes: number;
  cameraId: string;
  cameraName: string;
  siteName: string | null;
  /** Wall-clock time of the first frame in the file (a clip's pre-roll starts before the click). */
  startedAt: string;
  clickedAt: string;
  endedAt: string;
  operator: { console: string; role: string };
  reason: string | null;
  partial: boolean;
  partialReason: string | null;
}

export function sha256File(path: string): Promise<{ sha256: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    let bytes = 0;
    createReadStream(path)
      .on('data', (chunk: string | Buffer) => {
        hash.update(chunk);
        bytes += chunk.length;
      })
      .on('error', reject)
      .on('end', () => resolve({ sha256: hash.digest('hex'), bytes }));
  });
}

export const manifestPathFor = (mediaPath: string) => mediaPath.replace(/\.[a-z0-9]+$/i, '') + '.json';

/** Hashes the media and writes its manifest; a disk that fails says why (EvidenceError), never a raw error. */
export async function writeManifest(mediaPath: string, fields: Omit<EvidenceManifest, 'version' | 'file' | 'sha256' | 'bytes'>): Promise<EvidenceManifest> {
  try {
    const { sha256, bytes } = await sha256File(mediaPath);
    const manifest: EvidenceManifest = { version: 1, file: basename(mediaPath), sha256, bytes, ...fields };
    await writeFile(manifestPathFor(mediaPath), JSON.stringify(manifest, null, 2), { mode: 0o600 });
    return manifest;
  } catch (error) {
    throw evidenceErrorOf(error, mediaPath);
  }
}

export type Verification = { ok: true; manifest: EvidenceManifest } | { ok: false; problem: 'missing_media' | 'bad_manifest' | 'hash_mismatch'; manifest?: EvidenceManifest };

/** Re-hashes the media a manifest names and compares. */
export async function verifyEvidence(manifestPath: string): Promise<Verification> {
  let manifest: EvidenceManifest;
  try {
    manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as EvidenceManifest;
    if (manifest.version !== 1 || typeof manifest.sha256 !== 'string' || typeof manifest.file !== 'string') throw new Error('shape');
  } catch {
    return { ok: false, problem: 'bad_manifest' };
  }
  let actual: string;
  try {
    actual = (await sha256File(join(dirname(manifestPath), basename(manifest.file)))).sha256;
  } catch {
    return { ok: false, problem: 'missing_media', manifest };
  }
  return actual === manifest.sha256 ? { ok: true, manifest } : { ok: false, problem: 'hash_mismatch', manifest };
}
