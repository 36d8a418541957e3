/**
 * Where a camera's pictures come from: the camera itself (`direct`), or a media server that the
 * camera is published to once, read as RTSP through ffmpeg (`relay-rtsp`) or as HTTP/WS-FLV pulled
 * by the engine (`relay-flv`). Turns a camera's source kind and its site's relay settings into the
 * engine's SessionSource. Pure: the caller unseals the token and the camera's password.
 */
import type { Profile } from '../../../preload/api.js';
import { splitCredentials } from '../../domain/cameraUrl.js';
import type { SessionSource } from './sessionSource.js';
import { expandTemplate, type RelayKind } from '../../domain/urlTemplate.js';
import { nearestUp } from '../../domain/sites.js';

export type CameraSourceKind = 'direct' | RelayKind;

/** A site's media server (model: `site.relay`). */
export interface RelaySettings {
  kind: RelayKind;
  template: string;
  /** The relay's host name or address, a port allowed. */
  host: string;
  /** The play token, already unsealed; null when the relay asks for none. */
  token: string | null;
}

/** A site as the tree walk needs it; `R` is the relay as stored (its token still sealed). */
export interface RelaySite<R extends { kind: RelayKind } = RelaySettings> {
  id: string;
  parentId: string | null;
  relay?: R | null;
}

export interface RelayCamera {
  id: string;
  /** The camera's stream name on the relay; its id when not set. */
  relayStream?: string | null;
}

/**
 * The relay of the given kind nearest the camera's site, walking up the tree: a township's relay
 * serves every village below it unless a village has its own.
 */
export function relayFor<R extends { kind: RelayKind }>(sites: readonly RelaySite<R>[], siteId: string | null, kind: RelayKind): R | null {
  return nearestUp(sites, siteId, (site) => (site.relay?.kind === kind ? site.relay : null))?.value ?? null;
}

/**
 * The SessionSource for a camera. `direct` uses the camera's own URL (`direct()`, built as
 * today); a relay kind uses `relay` (from `relayFor`, its token unsealed). A missing relay or a
 * broken template gives a source with `problem` set, which the session shows as `bad_url`.
 */
export function cameraSessionSource(
  kind: CameraSourceKind,
  camera: RelayCamera,
  profile: Profile,
  relay: RelaySettings | null,
  direct: () => SessionSource,
): SessionSource {
  if (kind === 'direct') return direct();
  const sourceKind = kind === 'relay-flv' ? 'flv-pull' : 'rtsp';
  const broken = (problem: string): SessionSource => ({ kind: sourceKind, url: '', credentials: {}, problem });
  if (!relay || relay.kind !== kind) return broken(`no ${kind} media server is set for this camera's site or the sites above it`);
  const token = relay.token || undefined;
  const expanded = expandTemplate(relay.template, { kind, host: relay.host, cameraId: camera.id, stream: camera.relayStream ?? null, profile, token: token ?? null });
  if (!expanded.ok) return broken(`relay URL template: ${expanded.detail}`);
  // A relay user in the template (`rtsp://viewer:{token}@…`) becomes credentials, out of the URL.
  const { url, credentials } = splitCredentials(new URL(expanded.url));
  return { kind: sourceKind, url, credentials, ...(token ? { token } : {}) };
}
