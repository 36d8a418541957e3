/**
 * The manifest of an exported case folder: which cameras, where, the UTC range asked and the one
 * each file really holds, the gaps inside it, who exported it and why, and the SHA-256 of every
 * file; signed with the console's Ed25519 key, whose public half it carries. So the folder alone
 * can be checked on another PC with no console: every hash, and the signature by the key inside,
 * whose fingerprint a person compares with the one shown in the console's settings.
 */
import { createPublicKey } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EvidenceChecks, EvidenceVerifyProblem, RecordingGapReason } from '../../preload/api.js';
import { fingerprintOf, verifierOf, type SigningKey } from '../store/signingKey.js';
import { sha256File } from './manifest.js';
import { checkManifestSignature, EXPORT_LABEL, signManifest, type ManifestSignature } from './manifestSignature.js';

export const CASE_MANIFEST = 'manifest.json';

export interface CaseCamera {
  cameraId: string;
  cameraName: string;
  siteName: string | null;
  /** The MP4 in the folder; null when nothing of this camera was recorded in the range. */
  file: string | null;
  /** What the file holds (UTC, ISO): from the keyframe at or before the range's start. */
  startedAt: string | null;
  endedAt: string | null;
  gaps: { from: string; to: string; reason: RecordingGapReason }[];
}

export interface CaseManifest {
  version: 1;
  kind: 'export';
  caseId: string;
  createdAt: string;
  profile: string;
  /** The range asked for, UTC. */
  from: string;
  to: string;
  operator: { console: string; role: string };
  reason: string | null;
  cameras: CaseCamera[];
  files: { file: string; sha256: string; bytes: number }[];
  /** The signer's public key (SPKI PEM), so the folder can be checked offline. */
  publicKeyPem: string | null;
  signature?: ManifestSignature;
}

export async function writeCaseManifest(folder: string, fields: Omit<CaseManifest, 'version' | 'kind' | 'files' | 'publicKeyPem' | 'signature'>, key: SigningKey | null): Promise<CaseManifest> {
  const files = [];
  for (const camera of fields.cameras) if (camera.file) files.push({ file: camera.file, ...(await sha256File(join(folder, camera.file))) });
  const unsigned: CaseManifest = { version: 1, kind: 'export', ...fields, files, publicKeyPem: key?.publicKeyPem ?? null };
  const manifest = key ? signManifest(unsigned, key, EXPORT_LABEL) : unsigned;
  await writeFile(join(folder, CASE_MANIFEST), JSON.stringify(manifest, null, 2), { mode: 0o600 });
  return manifest;
}

export interface CaseVerification {
  ok: boolean;
  problem: EvidenceVerifyProblem | null;
  checks: EvidenceChecks;
  /** Each file the manifest names, and what was found. */
  files: { file: string; found: 'matches' | 'differs' | 'missing' }[];
  /** Full fingerprint of the public key the manifest carries (what signed it, if valid). */
  signedBy: string | null;
  manifest: CaseManifest | null;
}

/** The export manifest of a case folder, or null when the folder is not a (finished) case. */
export async function caseManifestOf(folder: string): Promise<CaseManifest | null> {
  return parseCase(await readFile(join(folder, CASE_MANIFEST), 'utf8').catch(() => ''));
}

/** Whether a folder holds an export's manifest (and so is checked as a case). */
export async function isCaseFolder(folder: string): Promise<boolean> {
  return (await caseManifestOf(folder)) !== null;
}

/** Every finished case folder in the evidence folder (a `.part` one is still being written). */
export async function listCases(evidenceFolder: string): Promise<CaseManifest[]> {
  const names = await readdir(evidenceFolder).catch(() => [] as string[]);
  const cases = await Promise.all(
    names.filter((n) => n.startsWith('case-') && !n.endsWith('.part')).map(async (n) => {
      const manifest = await caseManifestOf(join(evidenceFolder, n));
      return manifest?.caseId === n ? manifest : null; // a folder renamed by hand is not the case its manifest names
    }),
  );
  return cases.filter((m): m is CaseManifest => m !== null);
}

const NOT_CHECKED: EvidenceChecks = { media: 'not_checked', hash: 'not_checked', signature: 'not_checked' };

function parseCase(text: string): CaseManifest | null {
  try {
    const manifest = JSON.parse(text) as CaseManifest;
    const filesOk = Array.isArray(manifest.files) && manifest.files.every((f) => typeof f?.file === 'string' && typeof f.sha256 === 'string' && !/[\\/]/.test(f.file));
    return manifest.version === 1 && manifest.kind === 'export' && filesOk ? manifest : null;
  } catch {
    return null;
  }
}

/**
 * Checks a case folder: every file's SHA-256, then the signature with the public key the manifest
 * carries. `consoleKey` (in the console) also says whether that key is this console's own:
 * another key reads `unknown_key`; offline (undefined) the fingerprint is printed for a person.
 */
export async function verifyCase(folder: string, consoleKey?: SigningKey | null): Promise<CaseVerification> {
  const manifest = parseCase(await readFile(join(folder, CASE_MANIFEST), 'utf8').catch(() => ''));
  if (!manifest) return { ok: false, problem: 'bad_manifest', checks: NOT_CHECKED, files: [], signedBy: null, manifest: null };
  const files: CaseVerification['files'] = [];
  for (const entry of manifest.files) {
    let found: CaseVerification['files'][number]['found'];
    try {
      found = (await sha256File(join(folder, entry.file))).sha256 === entry.sha256 ? 'matches' : 'differs';
    } catch {
      found = 'missing';
    }
    files.push({ file: entry.file, found });
  }
  let signedBy: string | null = null;
  let signature: EvidenceChecks['signature'] = 'unsigned';
  if (manifest.signature !== undefined) {
    try {
      const publicKey = createPublicKey(String(manifest.publicKeyPem));
      signedBy = fingerprintOf(publicKey);
      signature = checkManifestSignature(manifest, verifierOf(publicKey), EXPORT_LABEL);
    } catch {
      signature = 'invalid'; // no readable key inside: nothing can vouch for it
    }
    if (signature === 'valid' && consoleKey !== undefined && consoleKey?.fingerprint !== signedBy) signature = 'unknown_key';
  }
  const checks: EvidenceChecks = {
    media: files.some((f) => f.found === 'missing') ? 'missing' : 'present',
    hash: files.some((f) => f.found === 'differs') ? 'differs' : files.every((f) => f.found === 'matches') ? 'matches' : 'not_checked',
    signature,
  };
  const bySignature = { invalid: 'bad_signature', unknown_key: 'unknown_key', unsigned: 'unsigned', no_key: 'no_key', valid: null, not_checked: null } as const;
  const problem: EvidenceVerifyProblem | null = checks.media === 'missing' ? 'missing_media' : checks.hash === 'differs' ? 'hash_mismatch' : bySignature[signature];
  return { ok: problem === null, problem, checks, files, signedBy, manifest };
}
