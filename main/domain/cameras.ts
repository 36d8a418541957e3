/**
 * Camera rules: turning what a clerk typed into a stored camera (or a precise complaint about
 * one field), and the view of a camera that may leave the main process.
 */
import type { CameraView, ParsedRequest } from '../../preload/api.js';
import { checkCameraUrl, type UrlCheck } from '../engine/cameraUrl.js';
import type { StoredCamera } from './model.js';

export type CameraField = 'name' | 'mainUrl' | 'subUrl' | 'siteId';
export type UrlProblem = Extract<UrlCheck, { ok: false }>['reason'];

export type NewCamera =
  | { ok: true; camera: Omit<StoredCamera, 'passwordSealed'>; password: string | null }
  | { ok: false; field: CameraField; problem: UrlProblem | 'duplicate_name' | 'unknown_site' | 'mixed_kinds' };

export function toCameraView(camera: StoredCamera): CameraView {
  return {
    id: camera.id,
    name: camera.name,
    siteId: camera.siteId,
    kind: camera.kind,
    mainUrl: camera.mainUrl,
    subUrl: camera.subUrl,
    username: camera.username,
    passwordSet: camera.passwordSealed !== null,
  };
}

/** Checks a new camera against the URL rules and what is already stored. Pure. */
export function prepareCamera(
  input: ParsedRequest<'cameras.add'>,
  existing: { cameras: readonly StoredCamera[]; siteIds: ReadonlySet<string> },
  newId: string,
): NewCamera {
  const siteId = input.siteId ?? null;
  if (siteId !== null && !existing.siteIds.has(siteId)) return { ok: false, field: 'siteId', problem: 'unknown_site' };
  if (existing.cameras.some((c) => c.name === input.name && c.siteId === siteId)) {
    return { ok: false, field: 'name', problem: 'duplicate_name' };
  }
  const main = checkCameraUrl(input.mainUrl);
  if (!main.ok) return { ok: false, field: 'mainUrl', problem: main.reason };
  const sub = input.subUrl === undefined ? null : checkCameraUrl(input.subUrl);
  if (sub && !sub.ok) return { ok: false, field: 'subUrl', problem: sub.reason };
  if (sub && sub.kind !== main.kind) return { ok: false, field: 'subUrl', problem: 'mixed_kinds' };
  // Credentials typed into the URL count as if typed into the fields; the fields win.
  const username = input.username ?? main.credentials.username ?? null;
  const password = input.password ?? main.credentials.password ?? null;
  return {
    ok: true,
    camera: {
      id: newId,
      name: input.name,
      siteId,
      kind: main.kind,
      mainUrl: main.url,
      subUrl: sub ? sub.url : null,
      username,
    },
    password,
  };
}
