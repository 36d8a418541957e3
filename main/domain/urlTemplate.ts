/**
 * Relay URL templates: a site says once where its media server serves every camera, e.g.
 * `ws://{host}:8080/live/{stream}.live.flv` (ZLMediaKit) or `rtsp://{host}:8554/{stream}`
 * (MediaMTX), and each camera's URL is expanded from it. Pure.
 *
 * Placeholders: {host} (the relay's address, a port allowed), {cameraId}, {stream} (the camera's
 * name on the relay; its id when not set), {profile} (main/sub), {token}. A token the template
 * does not place goes in the query string as `token=`, which hook-based servers read.
 */
import type { Profile } from '../../preload/api.js';

export type RelayKind = 'relay-rtsp' | 'relay-flv';

export interface TemplateValues {
  kind: RelayKind;
  host: string;
  cameraId: string;
  stream?: string | null;
  profile?: Profile;
  token?: string | null;
}

export type TemplateProblem = 'empty' | 'placeholder' | 'missing_value' | 'host' | 'syntax' | 'scheme' | 'not_flv' | 'credentials';

export type Expanded = { ok: true; url: string } | { ok: false; problem: TemplateProblem; detail: string };

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
const SCHEMES: Record<RelayKind, string[]> = {
  'relay-rtsp': ['rtsp:', 'rtsps:'],
  'relay-flv': ['http:', 'https:', 'ws:', 'wss:'],
};
/** `…/cam1.flv`, `…/cam1.live.flv`, or a path with an `flv` segment (`/flv/live/cam1`). */
const FLV_PATH = /\.flv$|(^|\/)flv(\/|$)/i;
/** A template may name a relay user, but its password can only be the token (kept as a secret). */
const USERINFO = /^[a-z][a-z0-9+.-]*:\/\/([^/@]*)@/i;

const fail = (problem: TemplateProblem, detail: string): Expanded => ({ ok: false, problem, detail });

export function expandTemplate(template: string, values: TemplateValues): Expanded {
  const text = template.trim();
  if (text === '') return fail('empty', 'the URL template is empty');
  const host = values.host.trim();
  if (!HOST.test(host)) return fail('host', `"${host}" is not a host name or address (a port may follow)`);
  const userinfo = USERINFO.exec(text)?.[1];
  if (userinfo?.includes(':') && userinfo.slice(userinfo.indexOf(':') + 1) !== '{token}') {
    return fail('credentials', 'a password in the template must be {token}: set the token in the site settings');
  }
  const vars: Record<string, string | undefined> = {
    host,
    cameraId: encodeURIComponent(values.cameraId),
    stream: encodeURIComponent(values.stream || values.cameraId),
    profile: values.profile ?? 'main',
    token: values.token ? encodeURIComponent(values.token) : undefined,
  };
  let problem: Expanded | null = null;
  const expanded = text.replace(PLACEHOLDER, (whole, name: string) => {
    if (!(name in vars)) problem ??= fail('placeholder', `{${name}} is not a placeholder; use {host}, {cameraId}, {stream}, {profile} or {token}`);
    else if (vars[name] === undefined) problem ??= fail('missing_value', `the template uses {${name}} but none is set`);
    return vars[name] ?? whole;
  });
  if (problem) return problem;
  if (!URL.canParse(expanded)) return fail('syntax', 'the expanded template is not a URL');
  const url = new URL(expanded);
  if (!SCHEMES[values.kind].includes(url.protocol)) {
    return fail('scheme', `${values.kind} needs a URL starting with ${SCHEMES[values.kind].map((s) => `${s}//`).join(', ')}`);
  }
  if (url.hostname === '') return fail('host', 'the expanded URL has no host');
  if (values.kind === 'relay-flv' && !FLV_PATH.test(url.pathname)) return fail('not_flv', 'a relay-flv URL ends in .flv (or has an /flv/ path)');
  if (values.token && !/\{token\}/.test(text)) url.searchParams.set('token', values.token);
  return { ok: true, url: url.toString() };
}

/** Checks a template as typed in the site settings, with sample values. */
export function checkTemplate(kind: RelayKind, template: string): { ok: true } | { ok: false; problem: TemplateProblem; detail: string } {
  const result = expandTemplate(template, { kind, host: 'relay.example', cameraId: 'cam-1', token: /\{token\}/.test(template) ? 'sample' : null });
  return result.ok ? { ok: true } : result;
}

const DEFAULT_PORTS: Record<string, string> = { 'rtsp:': '554', 'rtsps:': '322', 'http:': '80', 'ws:': '80', 'https:': '443', 'wss:': '443' };

/**
 * `host:port` a relay's settings send its token to, or null when they make no URL. A saved token
 * is reused only while this stays the same: a new host, or a port in the template, asks for it again.
 */
export function relayEndpoint(kind: RelayKind, template: string, host: string): string | null {
  const expanded = expandTemplate(template, { kind, host, cameraId: 'cam-1', token: 'sample' });
  if (!expanded.ok) return null;
  const url = new URL(expanded.url);
  return `${url.hostname.toLowerCase()}:${url.port || DEFAULT_PORTS[url.protocol]}`;
}
