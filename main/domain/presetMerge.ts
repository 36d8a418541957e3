/**
 * Bringing a preset file into this console. Sites and cameras it does not have are added (cameras
 * without a password: the file never holds one); a camera it has under the same id with another
 * address is a conflict the clerk settles, keep mine or take theirs. Presets are added or, same
 * id, replaced. Pure.
 */
import type { CameraConflict, PresetImportPreview, PresetImportResult } from '../../preload/api.js';
import { mayReusePassword } from './cameras.js';
import type { StoredCamera, StoredData } from './model.js';
import type { BundleCamera, BundleContent } from './presetBundle.js';

export type Choice = 'mine' | 'theirs';

const address = (c: Pick<StoredCamera, 'name' | 'mainUrl' | 'subUrl'>) => ({ name: c.name, mainUrl: c.mainUrl, subUrl: c.subUrl });

export function conflictsOf(data: StoredData, content: BundleContent): CameraConflict[] {
  const mine = new Map(data.cameras.map((camera) => [camera.id, camera]));
  return content.cameras.flatMap((theirs) => {
    const camera = mine.get(theirs.id);
    if (!camera || (camera.mainUrl === theirs.mainUrl && camera.subUrl === theirs.subUrl)) return [];
    return [{ cameraId: theirs.id, mine: address(camera), theirs: address(theirs) }];
  });
}

export function previewMerge(data: StoredData, content: BundleContent): PresetImportPreview {
  const siteIds = new Set(data.sites.map((site) => site.id));
  const cameraIds = new Set(data.cameras.map((camera) => camera.id));
  const presetIds = new Set(data.presets.map((preset) => preset.id));
  return {
    presets: content.presets.map((preset) => ({ id: preset.id, name: preset.name, replaces: presetIds.has(preset.id) })),
    newSites: content.sites.filter((site) => !siteIds.has(site.id)).length,
    newCameras: content.cameras.filter((camera) => !cameraIds.has(camera.id)).length,
    conflicts: conflictsOf(data, content),
  };
}

/** Their camera over mine: their address and labels; my password only if it stays on the same host. */
function takeTheirs(mine: StoredCamera, theirs: BundleCamera): StoredCamera {
  const keepsPassword = mayReusePassword(mine, theirs.mainUrl) && (theirs.subUrl === null || mayReusePassword(mine, theirs.subUrl));
  return { ...mine, ...theirs, passwordSealed: keepsPassword ? mine.passwordSealed : null };
}

export function applyMerge(data: StoredData, content: BundleContent, choices: Readonly<Record<string, Choice>>): { data: StoredData; result: PresetImportResult; replacedIds: string[] } {
  const conflicts = new Set(conflictsOf(data, content).map((conflict) => conflict.cameraId));
  const theirsById = new Map(content.cameras.map((camera) => [camera.id, camera]));
  const known = new Set(data.cameras.map((camera) => camera.id));
  const replacedIds: string[] = [];
  const cameras = data.cameras.map((camera) => {
    const theirs = theirsById.get(camera.id);
    if (!theirs || !conflicts.has(camera.id) || choices[camera.id] !== 'theirs') return camera;
    replacedIds.push(camera.id);
    return takeTheirs(camera, theirs);
  });
  const added = content.cameras.filter((camera) => !known.has(camera.id)).map((camera): StoredCamera => ({ ...camera, passwordSealed: null }));
  const siteIds = new Set(data.sites.map((site) => site.id));
  const sites = content.sites.filter((site) => !siteIds.has(site.id));
  const incoming = new Map(content.presets.map((preset) => [preset.id, preset]));
  const presets = [
    ...data.presets.map((preset) => incoming.get(preset.id) ?? preset),
    ...content.presets.filter((preset) => !data.presets.some((p) => p.id === preset.id)),
  ];
  return {
    data: { ...data, sites: [...data.sites, ...sites], cameras: [...cameras, ...added], presets },
    result: { presets: content.presets.length, sites: sites.length, cameras: added.length, keptMine: conflicts.size - replacedIds.length, tookTheirs: replacedIds.length },
    replacedIds,
  };
}
