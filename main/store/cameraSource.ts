/**
 * What ffmpeg needs to reach a stored camera: its URL and credentials, the password unsealed at
 * the last moment. The only place outside the secret box where a password exists in the clear.
 */
import type { SessionSource } from '../engine/ffmpegArgs.js';
import type { Logger } from '../engine/logger.js';
import type { Profile } from '../../preload/api.js';
import { cameraSessionSource, relayFor } from '../engine/relaySource.js';
import type { StoredCamera, StoredSite } from '../domain/model.js';
import type { SecretBox } from './secretBox.js';

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

export function cameraSource(camera: StoredCamera, url: string, secretBox: SecretBox, log: Logger): SessionSource {
  const password = unsealedPassword(camera, secretBox, log);
  return {
    kind: camera.kind,
    url,
    credentials: {
      ...(camera.username ? { username: camera.username } : {}),
      ...(password !== undefined ? { password } : {}),
    },
  };
}

/**
 * A stored camera's source for a profile: direct (its own URL), or through the media server of
 * its site or the nearest site above (relay token unsealed here, like a password).
 */
export function resolveCameraSource(sites: readonly StoredSite[], camera: StoredCamera, profile: Profile, secretBox: SecretBox, log: Logger): SessionSource {
  const url = profile === 'sub' && camera.subUrl ? camera.subUrl : camera.mainUrl;
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
