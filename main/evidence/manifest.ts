/**
 * Every evidence file has a sidecar manifest: what, where, when, who, why, and the SHA-256 of the
 * media, signed with the console's key, so "verify" can later say whether the file and its
 * manifest are exactly what was saved, and by which console.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { EvidenceChecks, EvidenceVerifyProblem } from '../../preload/api.js';
import type { SigningKey } from '../store/signingKey.js';
import { evidenceErrorOf } from './evidenceErrors.js';
import { checkManifestSignature, signManifest, type ManifestSignature } from './manifestSignature.js';

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
  /** Absent in manifests saved before signing, or by a console that had no key. */
  signature?: ManifestSignature;
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

/**
 * Hashes the media and writes its manifest, signed when the console has a key; a disk that fails
 * says why (EvidenceError), never a raw error.
 */
export async function writeManifest(
  mediaPath: string,
  fields: Omit<EvidenceManifest, 'version' | 'file' | 'sha256' | 'bytes' | 'signature'>,
  key: SigningKey | null = null,
): Promise<EvidenceManifest> {
  try {
    const { sha256, bytes } = await sha256File(mediaPath);
    const unsigned: EvidenceManifest = { version: 1, file: basename(mediaPath), sha256, bytes, ...fields };
    const manifest = key ? signManifest(unsigned, key) : unsigned;
    await writeFile(manifestPathFor(mediaPath), JSON.stringify(manifest, null, 2), { mode: 0o600 });
    return manifest;
  } catch (error) {
    throw evidenceErrorOf(error, mediaPath);
  }
}

/** What 核验 found: each check in `checks`, and the first thing wrong as `problem`. */
export type Verification = { checks: EvidenceChecks; signedBy: string | null } & (
  | { ok: true; problem: null; manifest: EvidenceManifest }
  | { ok: false; problem: EvidenceVerifyProblem; manifest?: EvidenceManifest }
);

const NOT_CHECKED: EvidenceChecks = { media: 'not_checked', hash: 'not_checked', signature: 'not_checked' };

/** The first thing wrong, media before signature; null when every check that ran passed. */
function firstProblem(checks: EvidenceChecks): EvidenceVerifyProblem | null {
  if (checks.media === 'missing') return 'missing_media';
  if (checks.hash === 'differs') return 'hash_mismatch';
  const bySignature = { invalid: 'bad_signature', unknown_key: 'unknown_key', unsigned: 'unsigned', no_key: 'no_key', valid: null, not_checked: null } as const;
  return bySignature[checks.signature];
}

/**
 * Re-hashes the media a manifest names, compares, and checks the manifest's signature with `key`
 * (this console's; null when it has none). Without `key` only the media is checked.
 */
export async function verifyEvidence(manifestPath: string, key?: SigningKey | null): Promise<Verification> {
  let manifest: EvidenceManifest;
  try {
    manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as EvidenceManifest;
    if (manifest.version !== 1 || typeof manifest.sha256 !== 'string' || typeof manifest.file !== 'string') throw new Error('shape');
  } catch {
    return { ok: false, problem: 'bad_manifest', checks: NOT_CHECKED, signedBy: null };
  }
  const signature = key === undefined ? 'not_checked' : checkManifestSignature(manifest, key);
  const signedBy = typeof manifest.signature?.key === 'string' ? manifest.signature.key : null;
  let checks: EvidenceChecks;
  try {
    const actual = (await sha256File(join(dirname(manifestPath), basename(manifest.file)))).sha256;
    checks = { media: 'present', hash: actual === manifest.sha256 ? 'matches' : 'differs', signature };
  } catch {
    checks = { media: 'missing', hash: 'not_checked', signature };
  }
  const problem = firstProblem(checks);
  return problem === null ? { ok: true, problem, manifest, checks, signedBy } : { ok: false, problem, manifest, checks, signedBy };
}
