/** Small stored documents for tests: a version 1 file as the first builds wrote it, and a v2 township. */
import { namedLayout } from '../../preload/layouts.js';
import type { StoredDataV1 } from './modelV1.js';
import { SCHEMA_VERSION, defaultBudget, defaultUnattended, freshConsole, type StoredCamera, type StoredData } from './model.js';

export function v1Fixture(): StoredDataV1 {
  return {
    schemaVersion: 1,
    sites: [
      { id: 'town', name: '青山镇', level: 'township', parentId: null },
      { id: 'east', name: '东村', level: 'village', parentId: 'town' },
    ],
    cameras: [
      { id: 'cam-1', name: '村口', siteId: 'east', kind: 'rtsp', mainUrl: 'rtsp://192.0.2.10/ch1', subUrl: 'rtsp://192.0.2.10/ch2', username: 'admin', passwordSealed: 'gcm1:x' },
      { id: 'cam-2', name: '广场', siteId: 'east', kind: 'demo', mainUrl: 'demo:square-1', subUrl: null, username: null, passwordSealed: null },
    ],
    wall: { layout: namedLayout('4')!, tiles: ['cam-1', 'cam-2', null, null] },
    presets: [{ id: 'p-1', name: '白班', siteId: 'town', wall: { layout: namedLayout('1')!, tiles: ['cam-1'] }, tour: null }],
    settings: { ffmpegPath: null },
  };
}

export function camera(id: string, siteId: string | null, fields: Partial<StoredCamera> = {}): StoredCamera {
  return {
    id,
    name: id,
    siteId,
    kind: 'rtsp',
    mainUrl: `rtsp://192.0.2.${id.length}/${id}`,
    subUrl: null,
    username: null,
    passwordSealed: null,
    ownerKind: 'public',
    tags: [],
    location: null,
    ...fields,
  };
}

/** A township with two villages, a camera in each, and one preset showing both. */
export function townshipData(): StoredData {
  return {
    schemaVersion: SCHEMA_VERSION,
    sites: [
      { id: 'town', name: '青山镇', level: 'township', parentId: null, defaultPresetId: 'p-1' },
      { id: 'east', name: '东村', level: 'village', parentId: 'town', defaultPresetId: null },
      { id: 'west', name: '西村', level: 'village', parentId: 'town', defaultPresetId: null },
    ],
    cameras: [
      camera('cam-e', 'east', { name: '东村口', mainUrl: 'rtsp://192.0.2.10/ch1', username: 'admin', passwordSealed: 'sealed-e' }),
      camera('cam-w', 'west', { name: '西村口', mainUrl: 'rtsp://192.0.2.20/ch1' }),
    ],
    wall: { layout: namedLayout('4')!, tiles: ['cam-e', 'cam-w', null, null] },
    presets: [
      { id: 'p-1', name: '白班', siteId: 'town', wall: { layout: namedLayout('4')!, tiles: ['cam-e', 'cam-w', null, null] }, tour: null },
      { id: 'p-2', name: '夜班', siteId: 'town', wall: { layout: namedLayout('1')!, tiles: ['cam-w'] }, tour: { kind: 'presets', steps: [{ presetId: 'p-1', dwellSeconds: 10 }] } },
    ],
    settings: { ffmpegPath: null, evidenceDir: null },
    console: freshConsole('town'),
    unattended: defaultUnattended(),
    budget: defaultBudget(),
  };
}
