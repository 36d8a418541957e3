/**
 * Camera rules: turning what a clerk typed into a stored camera (or a precise complaint about
 * one field), editing one without losing its sealed password, and the view of a camera that may
 * leave the main process.
 */
import type { CameraView } from '../../preload/api.js';
import type { ParsedRequest } from '../contract/requests.js';
import { checkCameraUrl, type UrlCheck } from './cameraUrl.js';
import type { StoredCamera } from './model.js';

export type CameraField = 'name' | 'mainUrl' | 'subUrl' | 'siteId' | 'password';
export type UrlProblem = Extract<UrlCheck, { ok: false }>['reason'];
export type CameraProblem = UrlProblem | 'duplicate_name' | 'unknown_site' | 'mixed_kinds' | 'host_changed';

type Refusal = { ok: false; field: CameraField; problem: CameraProblem };
type Unsealed = Omit<StoredCamera, 'passwordSealed'>;

export type NewCamera = { ok: true; camera: Unsealed; password: string | null } | Refusal;

/** What to do with the sealed password when a camera is edited. */
export type PasswordChange = { kind: 'keep' } | { kind: 'clear' } | { kind: 'set'; password: string };
export type EditedCamera = { ok: true; camera: Unsealed; password: PasswordChange } | Refusal;

interface Existing {
  cameras: readonly StoredCamera[];
  siteIds: ReadonlySet<string>;
}

/**
 * The view of a camera that may leave main. A household owner's name, contact and consent go
 * only to admins (`withOwner`), who edit them.
 */
export function toCameraView(camera: StoredCamera, withOwner = false): CameraView {
  return {
    ...(withOwner ? { owner: camera.owner ?? null, consent: camera.consent ?? null } : {}),
    id: camera.id,
    name: camera.name,
    siteId: camera.siteId,
    kind: camera.kind,
    mainUrl: camera.mainUrl,
    subUrl: camera.subUrl,
    username: camera.username,
    passwordSet: camera.passwordSealed !== null,
    ownerKind: camera.ownerKind,
    tags: camera.tags,
    location: camera.location,
    source: camera.source ?? 'direct',
    relayStream: camera.relayStream ?? null,
  };
}

type Fields = ParsedRequest<'cameras.add'>;

/** The checks adding and editing share; `selfId` is the camera being edited (not its own duplicate). */
function checkFields(input: Fields, existing: Existing, id: string, selfId: string | null) {
  const siteId = input.siteId ?? null;
  if (siteId !== null && !existing.siteIds.has(siteId)) return { ok: false, field: 'siteId', problem: 'unknown_site' } as const;
  if (existing.cameras.some((c) => c.id !== selfId && c.name === input.name && c.siteId === siteId)) {
    return { ok: false, field: 'name', problem: 'duplicate_name' } as const;
  }
  const main = checkCameraUrl(input.mainUrl);
  if (!main.ok) return { ok: false, field: 'mainUrl', problem: main.reason } as const;
  const sub = input.subUrl === undefined ? null : checkCameraUrl(input.subUrl);
  if (sub && !sub.ok) return { ok: false, field: 'subUrl', problem: sub.reason } as const;
  if (sub && sub.kind !== main.kind) return { ok: false, field: 'subUrl', problem: 'mixed_kinds' } as const;
  const camera: Unsealed = {
    id,
    name: input.name,
    siteId,
    kind: main.kind,
    mainUrl: main.url,
    subUrl: sub ? sub.url : null,
    // Credentials typed into the URL count as if typed into the fields; the fields win.
    username: input.username ?? main.credentials.username ?? null,
    ownerKind: input.ownerKind ?? 'public',
    tags: [...new Set(input.tags ?? [])],
    location: input.location ?? null,
  };
  return { ok: true, camera, urlPassword: main.credentials.password ?? sub?.credentials.password } as const;
}

/** Checks a new camera against the URL rules and what is already stored. Pure. */
export function prepareCamera(input: Fields, existing: Existing, newId: string): NewCamera {
  const checked = checkFields(input, existing, newId, null);
  if (!checked.ok) return checked;
  return { ok: true, camera: checked.camera, password: input.password ?? checked.urlPassword ?? null };
}

/**
 * An edit of a stored camera. A blank password keeps the sealed one (the form never shows it);
 * `clearPassword` removes it; a typed one (in the field or the URL) replaces it. Fields the form
 * does not show (owner details, consent) are kept. A saved password is kept only while every
 * address stays on a host and port it was entered for: pointed elsewhere, the clerk is asked to
 * type it again (or clear it), so an edit never sends it to another device.
 */
export function editCamera(current: StoredCamera, input: ParsedRequest<'cameras.update'>, existing: Existing): EditedCamera {
  const checked = checkFields(input, existing, current.id, current.id);
  if (!checked.ok) return checked;
  const typed = input.password ?? checked.urlPassword;
  const password: PasswordChange = typed !== undefined ? { kind: 'set', password: typed } : input.clearPassword ? { kind: 'clear' } : { kind: 'keep' };
  const { kind, mainUrl, subUrl } = checked.camera;
  const staysPut = kind === 'demo' || [mainUrl, subUrl].every((url) => url === null || mayReusePassword(current, url));
  if (password.kind === 'keep' && current.passwordSealed !== null && !staysPut) {
    return { ok: false, field: 'password', problem: 'host_changed' };
  }
  const { passwordSealed: _sealed, ...kept } = current;
  return { ok: true, camera: { ...kept, ...checked.camera }, password };
}

const DEFAULT_PORTS: Record<string, string> = { 'rtsp:': '554', 'rtsps:': '322' };

/** `host:port` of an RTSP URL (default port 554, 322 for rtsps), or null for anything else. */
function endpoint(url: string): string | null {
  try {
    const parsed = new URL(url);
    const port = DEFAULT_PORTS[parsed.protocol];
    return port ? `${parsed.hostname.toLowerCase()}:${parsed.port || port}` : null;
  } catch {
    return null;
  }
}

/**
 * Whether a stored password may travel to `url`: only to the host and port the camera already
 * has, so an edited or probed address can never send a saved password somewhere else.
 */
export function mayReusePassword(camera: Pick<StoredCamera, 'mainUrl' | 'subUrl'>, url: string): boolean {
  const target = endpoint(url);
  if (target === null) return false;
  return [camera.mainUrl, camera.subUrl].some((known) => known !== null && endpoint(known) === target);
}
