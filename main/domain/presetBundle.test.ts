import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonicalJson.js';
import { namedLayout } from '../../preload/layouts.js';
import { StoredDataSchema, type StoredData } from './model.js';
import { buildBundle, bundleFileName, readBundle } from './presetBundle.js';
import { applyMerge, previewMerge } from './presetMerge.js';
import { camera, townshipData } from './testData.js';

const AT = '2026-11-29T08:00:00.000Z';

/** A village console that knows only the bureau above the township. */
function villageConsole(): StoredData {
  const empty = townshipData();
  return { ...empty, sites: [], cameras: [], wall: { ...empty.wall, tiles: [null, null, null, null] }, presets: [] };
}

describe('canonical JSON', () => {
  it('is the same text whatever the key order, and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 1, c: '村' }] })).toBe('{"a":[2,{"c":"村","d":1}],"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });
});

describe('preset files', () => {
  it('carry the presets asked for, the presets their tours step through, and the cameras and sites they need', () => {
    const { content } = buildBundle(townshipData(), ['p-2'], AT);
    expect(content.presets.map((p) => p.id).sort()).toEqual(['p-1', 'p-2']);
    expect(content.cameras.map((c) => c.id).sort()).toEqual(['cam-e', 'cam-w']);
    expect(content.sites.map((s) => s.id).sort()).toEqual(['east', 'town', 'west']);
  });

  it('never carry a password, sealed or not, nor a household owner', () => {
    const data = townshipData();
    data.cameras[1] = { ...data.cameras[1]!, ownerKind: 'household', owner: { name: '王大伯', contact: '13800000000' } };
    const { json } = buildBundle(data, ['p-1'], AT);
    expect(json).not.toContain('sealed-e');
    expect(json).not.toContain('passwordSealed');
    expect(json).not.toContain('王大伯');
  });

  it('read back exactly what was written, even re-indented', () => {
    const { json, content } = buildBundle(townshipData(), ['p-1'], AT);
    expect(readBundle(json)).toEqual({ ok: true, content });
    expect(readBundle(JSON.stringify(JSON.parse(json)))).toEqual({ ok: true, content });
  });

  it('are refused when one character of content changed', () => {
    const { json } = buildBundle(townshipData(), ['p-1'], AT);
    const tampered = json.replace('rtsp://192.0.2.20/ch1', 'rtsp://192.0.2.99/ch1');
    expect(readBundle(tampered)).toMatchObject({ ok: false, problem: 'hash_mismatch' });
  });

  it.each([
    ['cut short', (json: string) => json.slice(0, 100), 'unreadable'],
    ['not a preset file', () => '{"hello":1}', 'not_export'],
    ['from a newer console', (json: string) => json.replace('"version": 1', '"version": 2'), 'unsupported_version'],
  ])('are refused when %s', (_name, damage, problem) => {
    const { json } = buildBundle(townshipData(), ['p-1'], AT);
    expect(readBundle(damage(json))).toMatchObject({ ok: false, problem });
  });
});

describe('importing a preset file', () => {
  it('into an empty village console adds everything, cameras without passwords', () => {
    const { json } = buildBundle(townshipData(), ['p-1'], AT);
    const read = readBundle(json);
    if (!read.ok) throw new Error(read.problem);
    expect(previewMerge(villageConsole(), read.content)).toEqual({
      presets: [{ id: 'p-1', name: '白班', replaces: false }],
      newSites: 3,
      newCameras: 2,
      conflicts: [],
    });
    const { data, result } = applyMerge(villageConsole(), read.content, {});
    expect(result).toEqual({ presets: 1, sites: 3, cameras: 2, keptMine: 0, tookTheirs: 0 });
    expect(data.cameras.every((c) => c.passwordSealed === null)).toBe(true);
    expect(StoredDataSchema.safeParse(data).success).toBe(true);
  });

  it('reports a camera with the same id and another address, and settles it as the clerk chooses', () => {
    const township = townshipData();
    township.cameras[0] = { ...township.cameras[0]!, mainUrl: 'rtsp://192.0.2.10/ch9' };
    township.cameras[1] = { ...township.cameras[1]!, mainUrl: 'rtsp://198.51.100.1/new' };
    const read = readBundle(buildBundle(township, ['p-1'], AT).json);
    if (!read.ok) throw new Error(read.problem);
    const mine = townshipData();
    mine.cameras[1] = { ...mine.cameras[1]!, passwordSealed: 'sealed-w' };
    mine.cameras.push(camera('cam-local', 'east'));
    const { conflicts } = previewMerge(mine, read.content);
    expect(conflicts.map((c) => [c.cameraId, c.mine.mainUrl, c.theirs.mainUrl])).toEqual([
      ['cam-e', 'rtsp://192.0.2.10/ch1', 'rtsp://192.0.2.10/ch9'],
      ['cam-w', 'rtsp://192.0.2.20/ch1', 'rtsp://198.51.100.1/new'],
    ]);
    const { data, result, replacedIds } = applyMerge(mine, read.content, { 'cam-e': 'theirs', 'cam-w': 'theirs' });
    expect(result).toMatchObject({ keptMine: 0, tookTheirs: 2, cameras: 0 });
    expect(replacedIds).toEqual(['cam-e', 'cam-w']);
    // Same host: my password stays. Another host: it is not sent there; the clerk types it again.
    expect(data.cameras.find((c) => c.id === 'cam-e')).toMatchObject({ mainUrl: 'rtsp://192.0.2.10/ch9', passwordSealed: 'sealed-e' });
    expect(data.cameras.find((c) => c.id === 'cam-w')).toMatchObject({ mainUrl: 'rtsp://198.51.100.1/new', passwordSealed: null });
    expect(data.cameras.find((c) => c.id === 'cam-local')).toBeDefined();

    const kept = applyMerge(mine, read.content, { 'cam-w': 'mine' });
    expect(kept.result).toMatchObject({ keptMine: 2, tookTheirs: 0 });
    expect(kept.data.cameras).toEqual(mine.cameras);
  });
});

describe('the export file name', () => {
  const data: StoredData = {
    ...townshipData(),
    sites: [{ id: 'town', name: '青山镇', level: 'township', parentId: null, defaultPresetId: null }],
    presets: ['早班巡查', '夜班', '集市', '学校/放学'].map((name, i) => ({ id: `p${i}`, name, siteId: 'town', wall: { layout: namedLayout('1')!, tiles: [null] }, tour: null })),
  };

  it('names a few presets by their names, safe for a USB drive', () => {
    expect(bundleFileName(data, ['p0', 'p1'], '2026-12-03')).toBe('早班巡查、夜班_2026-12-03.presets.json');
    expect(bundleFileName(data, ['p3'], '2026-12-03')).toBe('学校_放学_2026-12-03.presets.json');
  });

  it('names many presets by their site', () => {
    expect(bundleFileName(data, ['p0', 'p1', 'p2', 'p3'], '2026-12-03')).toBe('青山镇_2026-12-03.presets.json');
  });
});
