/**
 * A preset file: presets with the sites and cameras they need, never a password or a household
 * owner's details, carrying a SHA-256 over its canonical form so a damaged file is refused
 * before anything is read from it. Pure: building one, and reading one back.
 */
import { z } from 'zod';
import { checkCameraUrl } from './cameraUrl.js';
import { relayEndpoint } from './urlTemplate.js';
import { canonicalJson, sha256Hex } from './canonicalJson.js';
import { safeFileStem } from './fileNames.js';
import { PresetSchema, SiteSchema, StoredCameraSchema, type StoredData, type StoredPreset } from './model.js';

export const BUNDLE_FORMAT = 'village-wall.presets';
export const BUNDLE_VERSION = 1;

export const BundleCameraSchema = StoredCameraSchema.omit({ passwordSealed: true, owner: true, consent: true });
export const BundleContentSchema = z.object({
  sites: z.array(SiteSchema),
  cameras: z.array(BundleCameraSchema),
  presets: z.array(PresetSchema).min(1),
});
export type BundleCamera = z.infer<typeof BundleCameraSchema>;
export type BundleContent = z.infer<typeof BundleContentSchema>;

export type BundleProblem = 'unreadable' | 'not_export' | 'unsupported_version' | 'hash_mismatch' | 'bad_content' | 'bad_camera_url' | 'bad_relay';

/** The hash covers everything in the file except the hash itself. */
const digest = (body: { format: unknown; version: unknown; exportedAt: unknown; content: unknown }) =>
  sha256Hex(canonicalJson({ format: body.format, version: body.version, exportedAt: body.exportedAt, content: body.content }));

/** The presets asked for plus any preset their tours step through. */
function presetClosure(data: StoredData, presetIds: readonly string[]): StoredPreset[] {
  const byId = new Map(data.presets.map((preset) => [preset.id, preset]));
  const wanted = new Set<string>();
  const queue = [...presetIds];
  while (queue.length > 0) {
    const id = queue.pop()!;
    const preset = byId.get(id);
    if (!preset || wanted.has(id)) continue;
    wanted.add(id);
    if (preset.tour?.kind === 'presets') queue.push(...preset.tour.steps.map((step) => step.presetId));
  }
  return data.presets.filter((preset) => wanted.has(preset.id));
}

export function cameraIdsOf(presets: readonly StoredPreset[]): Set<string> {
  const ids = new Set<string>();
  for (const preset of presets) {
    for (const tile of preset.wall.tiles) if (tile !== null) ids.add(tile);
    if (preset.tour?.kind === 'pages') for (const id of preset.tour.cameraIds) ids.add(id);
  }
  return ids;
}

export function buildBundle(data: StoredData, presetIds: readonly string[], exportedAt: string): { json: string; content: BundleContent } {
  const presets = presetClosure(data, presetIds);
  const cameraIds = cameraIdsOf(presets);
  const cameras = data.cameras
    .filter((camera) => cameraIds.has(camera.id))
    .map(({ passwordSealed: _p, owner: _o, consent: _c, ...camera }) => camera);
  const siteIds = new Set<string>([...presets.map((p) => p.siteId), ...cameras.flatMap((c) => (c.siteId ? [c.siteId] : []))]);
  // Each site's ancestors come along, so the tree it lands in is whole.
  const byId = new Map(data.sites.map((site) => [site.id, site]));
  for (const id of [...siteIds]) {
    for (let parent = byId.get(id)?.parentId ?? null, depth = 0; parent !== null && depth < 16; depth++) {
      siteIds.add(parent);
      parent = byId.get(parent)?.parentId ?? null;
    }
  }
  // A site's media server goes along, its sealed token never: only this console can open it.
  const sites = data.sites.filter((site) => siteIds.has(site.id)).map((site) => (site.relay ? { ...site, relay: { ...site.relay, tokenSealed: null } } : site));
  const content: BundleContent = { sites, cameras, presets };
  const body = { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, exportedAt, content };
  return { json: JSON.stringify({ ...body, sha256: digest(body) }, null, 2), content };
}

/**
 * `早班巡查、夜班_2026-12-03.presets.json`: a file named by what is in it, the presets asked for
 * (a few) or the sites they belong to (many), on the exporting console's day.
 */
export function bundleFileName(data: StoredData, presetIds: readonly string[], day: string): string {
  const presets = data.presets.filter((preset) => presetIds.includes(preset.id));
  const siteNames = [...new Set(presets.map((preset) => data.sites.find((site) => site.id === preset.siteId)?.name ?? ''))].filter(Boolean);
  const words = presets.length <= 3 ? presets.map((preset) => preset.name) : siteNames.slice(0, 3);
  return `${safeFileStem(words.join('、'), 'presets')}_${day}.presets.json`;
}

export type ReadBundle = { ok: true; content: BundleContent } | { ok: false; problem: BundleProblem; detail?: string };

export function readBundle(json: string): ReadBundle {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    return { ok: false, problem: 'unreadable', detail: error instanceof Error ? error.message : String(error) };
  }
  if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== BUNDLE_FORMAT) return { ok: false, problem: 'not_export' };
  const file = raw as { format: unknown; version: unknown; exportedAt: unknown; content: unknown; sha256?: unknown };
  if (file.version !== BUNDLE_VERSION) return { ok: false, problem: 'unsupported_version', detail: `version ${String(file.version)}` };
  const expected = digest(file);
  if (file.sha256 !== expected) return { ok: false, problem: 'hash_mismatch', detail: `file says ${String(file.sha256)}, content hashes to ${expected}` };
  const parsed = BundleContentSchema.safeParse(file.content);
  if (!parsed.success) return { ok: false, problem: 'bad_content', detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  const known = new Set(parsed.data.cameras.map((camera) => camera.id));
  const missing = [...cameraIdsOf(parsed.data.presets)].find((id) => !known.has(id));
  if (missing) return { ok: false, problem: 'bad_content', detail: `camera ${missing} is used but not included` };
  return checkAddresses(parsed.data);
}

/**
 * A shared file is checked like the add form checks a clerk: every camera address must be a
 * camera's (never `file:`, `http:` or a crafted demo filter), and every media server must make
 * a relay URL. Credentials in an address are dropped (a preset file never carries one), and so
 * is any sealed token.
 */
function checkAddresses(content: BundleContent): ReadBundle {
  const cameras: BundleCamera[] = [];
  for (const camera of content.cameras) {
    const main = checkCameraUrl(camera.mainUrl);
    const sub = camera.subUrl === null ? null : checkCameraUrl(camera.subUrl);
    const problem = !main.ok ? `mainUrl:${main.reason}` : sub && !sub.ok ? `subUrl:${sub.reason}` : sub && sub.kind !== main.kind ? 'subUrl:mixed_kinds' : null;
    if (problem || !main.ok || (sub && !sub.ok)) return { ok: false, problem: 'bad_camera_url', detail: `${camera.name} (${camera.id}) ${problem}` };
    cameras.push({ ...camera, kind: main.kind, mainUrl: main.url, subUrl: sub ? sub.url : null });
  }
  const sites: BundleContent['sites'] = [];
  for (const site of content.sites) {
    if (site.relay && relayEndpoint(site.relay.kind, site.relay.template, site.relay.host) === null) {
      return { ok: false, problem: 'bad_relay', detail: `${site.name} (${site.id})` };
    }
    sites.push(site.relay ? { ...site, relay: { ...site.relay, tokenSealed: null } } : site);
  }
  return { ok: true, content: { ...content, sites, cameras } };
}
