/**
 * Which recorder a camera's footage is read from: the nearest recordings source set on its site
 * or a site above (another console, a MediaMTX server), its token unsealed here and kept in main,
 * or null for this console's own recorder.
 */
import type { Profile } from '../../preload/api.js';
import type { StoredCamera, StoredData } from '../domain/model.js';
import { checkSourceUrl, remotePath } from '../domain/playbackSource.js';
import { nearestUp } from '../domain/sites.js';
import type { SecretBox } from '../store/secretBox.js';
import type { RemoteFailure, RemoteRecorder } from './remoteRecorder.js';

type StoredSource = NonNullable<StoredData['sites'][number]['playback']>;

/** A source as stored (or typed) made into a client's target for one camera, or why it cannot be. */
export function remoteRecorderOf(source: Pick<StoredSource, 'kind' | 'url' | 'pathTemplate'>, token: string | null, camera: Pick<StoredCamera, 'id' | 'relayStream'>, profile: Profile): RemoteRecorder | RemoteFailure {
  const base = checkSourceUrl(source.url);
  if (!base.ok) return { ok: false, problem: 'remote_bad_answer', detail: `the source's address: ${base.problem}` };
  const path = remotePath(source.pathTemplate, camera, profile);
  if (!path.ok) return { ok: false, problem: 'remote_not_found', detail: `the source's path template: ${path.problem}` };
  return { kind: source.kind, base: base.base, path: path.path, token };
}

/** The camera's remote recorder; null when its footage is this console's own; a failure when the source is broken. */
export function remoteRecorderFor(data: StoredData, secretBox: SecretBox, cameraId: string, profile: Profile): RemoteRecorder | RemoteFailure | null {
  const camera = data.cameras.find((candidate) => candidate.id === cameraId);
  if (!camera) return null;
  const source = nearestUp(data.sites, camera.siteId, (site) => site.playback)?.value;
  if (!source) return null;
  let token: string | null = null;
  try {
    token = source.tokenSealed ? secretBox.open(source.tokenSealed) : null;
  } catch {
    return { ok: false, problem: 'remote_refused', detail: 'the stored token cannot be read on this PC: type it again in the site settings' };
  }
  return remoteRecorderOf(source, token, camera, profile);
}

export const isRemoteFailure = (value: RemoteRecorder | RemoteFailure | null): value is RemoteFailure => value !== null && 'ok' in value;

/** How the audit names a remote source: its address, never its token. */
export const sourceLabel = (remote: RemoteRecorder): string => `${remote.kind} ${remote.base}/${remote.path}`;
