/**
 * What a session reads from: a camera over RTSP (directly, or through a media server's RTSP),
 * a built-in demo picture, or a media server's HTTP-FLV / WS-FLV pulled without ffmpeg.
 * Lives in main only: it may carry a password or a relay token in the clear.
 */
import type { Credentials } from '../../domain/cameraUrl.js';

/** `rtsp` and `demo` are read by ffmpeg; `flv-pull` is read by the engine itself. */
export type SessionSourceKind = 'rtsp' | 'demo' | 'flv-pull';

export interface SessionSource {
  kind: SessionSourceKind;
  /**
   * rtsp/demo: the stored URL, without credentials. flv-pull: the relay URL, with the token in it
   * where the site's template puts it.
   */
  url: string;
  /** RTSP login, or HTTP Basic for a relay that asks for one. */
  credentials: Credentials;
  /** A relay's play token: redacted like a password wherever the session writes text. */
  token?: string;
  /**
   * Set when the camera's settings cannot make a source (e.g. a broken relay URL template):
   * the session reports `bad_url` with this text instead of connecting.
   */
  problem?: string;
}

/** Every secret a source carries, for `redact`. */
export function sourceSecrets(source: SessionSource): string[] {
  return [source.credentials.password, source.token].filter((s): s is string => typeof s === 'string' && s !== '');
}
