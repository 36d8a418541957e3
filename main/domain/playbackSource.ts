/**
 * Where a site's cameras' recordings are read from: this console's recorder (no setting), another
 * console's recorder opened to the LAN, or a MediaMTX playback server — both answer `/list` and
 * `/get` in one shape. A site names the server's address (`http://10.0.0.5:9996`) and a path
 * template for each camera there (`{cameraId}/{profile}` for a console; MediaMTX's path name,
 * e.g. `{stream}` or `cam/{cameraId}`). Pure: the caller unseals the token.
 */
import type { Profile } from '../../preload/api.js';

export type PlaybackSourceKind = 'console' | 'mediamtx';

export type PlaybackSourceProblem = 'url' | 'scheme' | 'credentials' | 'path' | 'placeholder';

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;
const PLACEHOLDERS = ['cameraId', 'profile', 'stream'];
/** A path MediaMTX or our recorder accepts: letters, digits and `_ . - / ~`, no `..`. */
const PATH = /^(?!.*\.\.)[A-Za-z0-9_.~\/-]{1,256}$/;

/** The path template a console's recorder answers to. */
export const CONSOLE_PATH_TEMPLATE = '{cameraId}/{profile}';

/** The server's base URL (scheme, host, port and any prefix, no trailing slash), or why not. */
export function checkSourceUrl(text: string): { ok: true; base: string } | { ok: false; problem: PlaybackSourceProblem } {
  if (!URL.canParse(text.trim())) return { ok: false, problem: 'url' };
  const url = new URL(text.trim());
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, problem: 'scheme' };
  // The token is kept sealed apart; a password typed into the address would be stored in clear.
  if (url.username || url.password) return { ok: false, problem: 'credentials' };
  if (url.search || url.hash || url.hostname === '') return { ok: false, problem: 'url' };
  return { ok: true, base: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

/** The remote path of a camera's recordings, or why the template cannot make one. */
export function remotePath(template: string, camera: { id: string; relayStream?: string | null }, profile: Profile): { ok: true; path: string } | { ok: false; problem: PlaybackSourceProblem } {
  let unknown = false;
  const path = template.trim().replace(PLACEHOLDER, (_whole, name: string) => {
    if (!PLACEHOLDERS.includes(name)) unknown = true;
    return name === 'cameraId' ? camera.id : name === 'profile' ? profile : name === 'stream' ? (camera.relayStream || camera.id) : '';
  });
  if (unknown) return { ok: false, problem: 'placeholder' };
  return PATH.test(path) ? { ok: true, path } : { ok: false, problem: 'path' };
}

/** Checks a site's source as typed: its address and its path template (with a sample camera). */
export function checkPlaybackSource(url: string, pathTemplate: string): { ok: true; base: string } | { ok: false; field: 'url' | 'pathTemplate'; problem: PlaybackSourceProblem } {
  const base = checkSourceUrl(url);
  if (!base.ok) return { ok: false, field: 'url', problem: base.problem };
  const path = remotePath(pathTemplate, { id: 'cam-1' }, 'main');
  return path.ok ? base : { ok: false, field: 'pathTemplate', problem: path.problem };
}
