/**
 * Camera URLs: checking what a clerk typed, keeping credentials out of stored URLs, and
 * redacting anything that might carry a secret before it reaches a log, a status or the UI.
 * Pure functions, no I/O.
 */

export type SourceKind = 'rtsp' | 'demo';

export interface Credentials {
  username?: string;
  password?: string;
}

export type UrlCheck =
  | { ok: true; kind: SourceKind; url: string; credentials: Credentials }
  | { ok: false; reason: 'empty' | 'scheme' | 'syntax' | 'host' | 'demo_pattern' };

const DEMO_PATTERN = /^demo:[a-z0-9-]{1,32}$/;

/**
 * Checks a camera URL and splits off any credentials typed into it, so the stored URL never
 * holds a password. `rtsp://admin:pw@10.0.0.2/ch1` → url `rtsp://10.0.0.2/ch1` + credentials.
 */
export function checkCameraUrl(input: string): UrlCheck {
  const text = input.trim();
  if (text === '') return { ok: false, reason: 'empty' };
  if (text.startsWith('demo:')) {
    return DEMO_PATTERN.test(text)
      ? { ok: true, kind: 'demo', url: text, credentials: {} }
      : { ok: false, reason: 'demo_pattern' };
  }
  if (!/^rtsps?:\/\//i.test(text)) return { ok: false, reason: 'scheme' };
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return { ok: false, reason: 'syntax' };
  }
  if (parsed.hostname === '' || /[\s]/.test(text)) return { ok: false, reason: 'host' };
  try {
    return { ok: true, kind: 'rtsp', ...splitCameraCredentials(parsed) };
  } catch {
    return { ok: false, reason: 'syntax' }; // a broken %-escape in a password
  }
}

/**
 * Keys some cameras read a password from: `?user=admin&password=…`, or XMeye's path
 * `/user=admin&password=…&channel=1&stream=0.sdp`. The stored URL keeps the key, empty.
 */
const URL_PASSWORD = /([?&](?:password|passwd|pwd)=)([^&#]*)/gi;
const takesPasswordInUrl = (url: string) => new RegExp(URL_PASSWORD.source, 'i').test(url);

/** A URL's userinfo as credentials, and the URL without it. */
export function splitCredentials(url: URL): { url: string; credentials: Credentials } {
  const parsed = new URL(url);
  const credentials: Credentials = {};
  if (parsed.username) credentials.username = decodeURIComponent(parsed.username);
  if (parsed.password) credentials.password = decodeURIComponent(parsed.password);
  parsed.username = '';
  parsed.password = '';
  return { url: parsed.toString(), credentials };
}

/** A camera URL's credentials, in its userinfo or its query, and the URL without them (the key left empty). */
function splitCameraCredentials(url: URL): { url: string; credentials: Credentials } {
  const { url: withoutUserinfo, credentials } = splitCredentials(url);
  const stripped = withoutUserinfo.replace(URL_PASSWORD, (_whole, key: string, value: string) => {
    if (value !== '') credentials.password ??= decodeURIComponent(value);
    return key;
  });
  return { url: stripped, credentials };
}

/**
 * The URL handed to ffmpeg, and nowhere else: credentials percent-encoded (ffmpeg decodes them,
 * so a password with ':' or '@' still works) into the userinfo, or the password into the
 * query key the camera reads it from.
 */
export function urlWithCredentials(url: string, credentials: Credentials): string {
  if (!credentials.username && !credentials.password) return url;
  const password = encodeURIComponent(credentials.password ?? '');
  const inQuery = takesPasswordInUrl(url);
  const parsed = new URL(inQuery ? url.replace(URL_PASSWORD, (_whole, key: string) => key + password) : url);
  parsed.username = encodeURIComponent(credentials.username ?? '');
  if (!inQuery) parsed.password = password;
  return parsed.toString();
}

const USERINFO = /([a-z][a-z0-9+.-]*:\/\/)([^\s/@]*)@/gi;
/** Media servers take play tokens in the query string (ZLMediaKit and SRS hooks, node-media-server's `sign=`). */
const QUERY_SECRET = /([?&](?:token|secret|sign|signature|jwt|access_token|auth|key|password|passwd|pwd)=)[^&#\s'"]+/gi;

/**
 * Removes anything secret from free text (ffmpeg stderr, error messages): userinfo in any URL,
 * token-like query values, and every literal secret we know of, in plain and percent-encoded form.
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(USERINFO, '$1***@').replace(QUERY_SECRET, '$1***');
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      out = out.split(form).join('***');
    }
  }
  return out;
}
