/**
 * What ffmpeg needs to reach a stored camera: its URL and credentials, the password unsealed at
 * the last moment. The only place outside the secret box where a password exists in the clear.
 */
import type { SessionSource } from '../producer/ffmpegArgs.js';
import type { Logger } from '../../lib/logger.js';
import type { Profile } from '../../../preload/api.js';
import { servedUrl } from '../../../preload/servedProfile.js';
import { cameraSessionSource, relayFor } from './relaySource.js';
import type { StoredCamera, StoredSite } from '../../domain/model.js';
import type { SecretBox } from '../../store/secretBox.js';
import { checkCameraUrl } from '../../domain/cameraUrl.js';

export function unsealedPassword(camera: StoredCamera, secretBox: SecretBox, log: Logger): string | undefined {
  if (!camera.passwordSealed) return undefined;
  try {
    return secretBox.open(camera.passwordSealed);
  } catch {
    // A password sealed under another key (data folder copied without its key): the camera
    // will answer `unauthorized`, which tells the clerk to type the password again.
    log.warn('camera password cannot be unsealed', { camera: camera.id });
    return undefined;
  }
}

/**
 * A stored address is checked again, as the add form checks it: a settings file edited by hand
 * (or written by an older console) must not make ffmpeg open `file:`, `http:` or a crafted demo
 * filter. Such a camera shows `bad_url`; the others play on.
 */
export function cameraSource(camera: StoredCamera, url: string, secretBox: SecretBox, log: Logger): SessionSource {
  const checked = checkCameraUrl(url);
  if (!checked.ok || checked.kind !== camera.kind) {
    const problem = `the stored address is not a camera address (${checked.ok ? 'kind' : checked.reason}): edit the camera`;
    return { kind: camera.kind, url: '', credentials: {}, problem };
  }
  const password = unsealedPassword(camera, secretBox, log) ?? checked.credentials.password;
  return {
    kind: camera.kind,
    url: checked.url,
    credentials: {
      ...(camera.username || checked.credentials.username ? { username: camera.username ?? checked.credentials.username } : {}),
      ...(password !== undefined ? { password } : {}),
    },
  };
}

/**
 * A stored camera's source for a profile: direct (its own URL), or through the media server of
 * its site or the nearest site above (relay token unsealed here, like a password).
 */
export function resolveCameraSource(sites: readonly StoredSite[], camera: StoredCamera, profile: Profile, secretBox: SecretBox, log: Logger): SessionSource {
  const url = servedUrl(camera, profile);
  const kind = camera.source ?? 'direct';
  const stored = kind === 'direct' ? null : relayFor(sites, camera.siteId, kind);
  let token: string | null = null;
  if (stored?.tokenSealed) {
    try {
      token = secretBox.open(stored.tokenSealed);
    } catch {
      log.warn('relay token cannot be unsealed', { camera: camera.id });
    }
  }
  const relay = stored && { kind: stored.kind, template: stored.template, host: stored.host, token };
  return cameraSessionSource(kind, camera, profile, relay, () => cameraSource(camera, url, secretBox, log));
}
