/**
 * The evidence folder as a library: its manifests (what each file is and whose camera took it),
 * and copying files out of it (to a USB drive) with a hash check after each copy. Old files,
 * named by camera id and UTC time, read the same way: the manifest names its file.
 */
import { copyFile, mkdir, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { EvidenceError, evidenceErrorOf } from './evidenceErrors.js';
import { manifestPathFor, sha256File, type EvidenceManifest } from './manifest.js';

const isManifest = (value: unknown): value is EvidenceManifest => {
  const m = value as EvidenceManifest | null;
  return typeof m === 'object' && m !== null && m.version === 1 && typeof m.file === 'string' && typeof m.cameraId === 'string' && typeof m.sha256 === 'string';
};

async function readManifest(path: string): Promise<EvidenceManifest | null> {
  try {
    const manifest: unknown = JSON.parse(await readFile(path, 'utf8'));
    return isManifest(manifest) ? manifest : null;
  } catch {
    return null;
  }
}

/** Every readable manifest in the folder (unreadable ones are 核验's business, not the list's). */
export async function listManifests(folder: string): Promise<EvidenceManifest[]> {
  const names = await readdir(folder).catch(() => [] as string[]);
  const manifests = await Promise.all(names.filter((n) => n.endsWith('.json')).map((n) => readManifest(join(folder, n))));
  return manifests.filter((m): m is EvidenceManifest => m !== null);
}

/** The manifest of one media file in the folder, or null; its `file` must name that media file. */
export async function manifestOf(folder: string, file: string): Promise<EvidenceManifest | null> {
  const manifest = await readManifest(manifestPathFor(join(folder, basename(file))));
  return manifest && manifest.file === basename(file) ? manifest : null;
}

/** Seconds from the first frame to the end; null for a snapshot (or times that do not read). */
export function clipSeconds(manifest: Pick<EvidenceManifest, 'kind' | 'startedAt' | 'endedAt'>): number | null {
  if (manifest.kind !== 'clip') return null;
  const seconds = (Date.parse(manifest.endedAt) - Date.parse(manifest.startedAt)) / 1000;
  return Number.isFinite(seconds) && seconds >= 0 ? Math.round(seconds) : null;
}

/**
 * Copies `from` to `to` through a `.part` file, hashes the copy, and renames it into place only
 * when it hashes to `sha256`: a stick pulled out half way never leaves a whole-looking file.
 */
async function copyChecked(from: string, to: string, sha256: string): Promise<{ sha256: string; bytes: number }> {
  const part = `${to}.part`;
  try {
    await copyFile(from, part);
    const copied = await sha256File(part);
    if (copied.sha256 !== sha256) throw new EvidenceError('copy_mismatch', `${basename(to)}: copy hashes to ${copied.sha256}, recorded ${sha256}`);
    await rename(part, to);
    return copied;
  } catch (error) {
    await unlink(part).catch(() => {});
    throw evidenceErrorOf(error, to);
  }
}

/**
 * Copies one evidence file and its manifest into `target`. A file of that name already there is
 * left alone: the same bytes count as copied, different bytes are refused (never overwritten).
 */
export async function copyOutOne(folder: string, manifest: EvidenceManifest, target: string): Promise<{ file: string; sha256: string; bytes: number }> {
  try {
    await mkdir(target, { recursive: true });
  } catch (error) {
    throw evidenceErrorOf(error, target);
  }
  const destination = join(target, manifest.file);
  const existing = await sha256File(destination).catch(() => null);
  if (existing && existing.sha256 !== manifest.sha256) throw new EvidenceError('copy_exists', destination);
  const copied = existing ?? (await copyChecked(join(folder, manifest.file), destination, manifest.sha256));
  // The manifest goes along as it is (signed): the copy can be checked on any machine.
  const manifestFrom = manifestPathFor(join(folder, manifest.file));
  const manifestHash = await sha256File(manifestFrom).catch((error: unknown) => {
    throw evidenceErrorOf(error, manifestFrom);
  });
  const manifestTo = manifestPathFor(destination);
  const existingManifest = await sha256File(manifestTo).catch(() => null);
  if (existingManifest && existingManifest.sha256 !== manifestHash.sha256) throw new EvidenceError('copy_exists', manifestTo);
  if (!existingManifest) await copyChecked(manifestFrom, manifestTo, manifestHash.sha256);
  return { file: manifest.file, ...copied };
}
