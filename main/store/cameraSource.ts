/**
 * What ffmpeg needs to reach a stored camera: its URL and credentials, the password unsealed at
 * the last moment. The only place outside the secret box where a password exists in the clear.
 */
import type { SessionSource } from '../engine/ffmpegArgs.js';
import type { Logger } from '../engine/logger.js';
import type { StoredCamera } from '../domain/model.js';
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
