/**
 * The built-in demo site a console opens on when it has no settings yet: one township, three
 * villages, nine `demo:` cameras on a 3×3 wall. Demo cameras are ffmpeg-generated pictures that
 * travel the same path as a real camera (Session → FLV → WebSocket → mpegts.js).
 */
import demo from '../../resources/demo-site.json';
import { namedLayout } from '../../preload/layouts.js';
import { SCHEMA_VERSION, defaultBudget, defaultUnattended, freshConsole, type StoredData } from './model.js';

export function demoSiteData(): StoredData {
  const cameras = demo.cameras.map((camera) => ({
    id: camera.id,
    name: camera.name,
    siteId: camera.siteId,
    kind: 'demo' as const,
    mainUrl: camera.mainUrl,
    subUrl: null,
    username: null,
    passwordSealed: null,
    ownerKind: 'public' as const,
    tags: [],
    location: null,
  }));
  return {
    schemaVersion: SCHEMA_VERSION,
    sites: demo.sites.map((site) => ({ ...site, level: site.level as StoredData['sites'][number]['level'], defaultPresetId: null })),
    cameras,
    wall: { layout: namedLayout('9')!, tiles: cameras.slice(0, 9).map((camera) => camera.id) },
    presets: [],
    settings: { ffmpegPath: null, evidenceDir: null },
    // The demo console serves the whole demo county; no PIN yet, so it opens in set-up.
    console: freshConsole('bureau-demo'),
    unattended: defaultUnattended(),
    budget: defaultBudget(),
  };
}
