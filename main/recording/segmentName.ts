/**
 * Segment file names are the source of truth for what was recorded when:
 * `<folder>/<cameraId>/<profile>/<cameraId>_<profile>_<yyyymmddThhmmssZ>.mp4`, the UTC time of the
 * segment's first keyframe, `.part` while it is being written, and `.json` beside it once closed.
 */
import { join } from 'node:path';
import type { Profile } from '../../preload/api.js';

export const PART_SUFFIX = '.part';
export const SIDECAR_SUFFIX = '.json';
/** The file of an ffmpeg writer's spare, from consoles before main wrote its own segments: one left by a kill holds nothing and is removed at start-up. */
export const SPARE_SUFFIX = '.spare';

export interface SegmentName {
  cameraId: string;
  profile: Profile;
  /** UTC, ms since the epoch, to the second. */
  startedAt: number;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const NAME_RE = /^(.+)_(main|sub)_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.mp4$/;

/** `20261203T002828Z` for a UTC instant (the seconds it falls in). */
export function utcStamp(at: number): string {
  const d = new Date(at);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

export function segmentFolder(root: string, cameraId: string, profile: Profile): string {
  return join(root, cameraId, profile);
}

/** The finished segment's file name (without `.part`). */
export function segmentFileName({ cameraId, profile, startedAt }: SegmentName): string {
  return `${cameraId}_${profile}_${utcStamp(startedAt)}.mp4`;
}

/** Reads a finished segment's name; null for anything else in the folder. */
export function parseSegmentFileName(file: string): SegmentName | null {
  const m = NAME_RE.exec(file);
  if (!m) return null;
  const [, cameraId, profile, y, mo, d, h, mi, s] = m;
  const startedAt = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(startedAt) || utcStamp(startedAt) !== file.slice(-20, -4)) return null;
  return { cameraId: cameraId!, profile: profile as Profile, startedAt };
}

/**
 * The finished segments of one camera and profile among a folder's files whose start is in
 * [from, to), from the names alone and without parsing each: a stamp is fixed-width UTC, so its
 * text sorts as its time. A month of 60 s segments is 43 200 names, and parsing every one cost a
 * query a quarter of a second; only the names in range are parsed.
 */
export function segmentFilesBetween(files: readonly string[], cameraId: string, profile: Profile, from = -Infinity, to = Infinity): { file: string; name: SegmentName }[] {
  const prefix = `${cameraId}_${profile}_`;
  const length = prefix.length + 'yyyymmddThhmmssZ.mp4'.length;
  // A whole second s is ≥ x when s ≥ ⌈x⌉, and < y when s < ⌈y⌉. Outside years 1000–9999 a stamp
  // is not 16 characters and does not sort as text: no cut by text there, the times below decide.
  const stampAt = (at: number) => {
    const stamp = Number.isFinite(at) ? utcStamp(Math.ceil(at / 1000) * 1000) : '';
    return stamp.length === 16 ? stamp : null;
  };
  const lo = stampAt(from);
  const hi = stampAt(to);
  const found: { file: string; name: SegmentName }[] = [];
  for (const file of files) {
    if (file.length !== length || !file.startsWith(prefix)) continue;
    const stamp = file.slice(prefix.length, prefix.length + 16);
    if ((lo !== null && stamp < lo) || (hi !== null && stamp >= hi)) continue;
    const name = parseSegmentFileName(file);
    if (name?.cameraId === cameraId && name.profile === profile && name.startedAt >= from && name.startedAt < to) found.push({ file, name });
  }
  return found.sort((a, b) => a.name.startedAt - b.name.startedAt);
}

export const sidecarPathOf = (segmentPath: string) => segmentPath.replace(/\.mp4$/, SIDECAR_SUFFIX);
