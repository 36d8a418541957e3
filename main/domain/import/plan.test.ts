import { describe, expect, it } from 'vitest';
import { StoredDataSchema } from '../model.js';
import { townshipData } from '../testData.js';
import { planImport } from './plan.js';
import type { ImportCandidate } from './rows.js';

const row = (line: number, name: string, village: string, problems: string[] = []): ImportCandidate => ({
  line,
  name,
  village,
  kind: 'rtsp',
  mainUrl: `rtsp://192.0.2.${line}/ch1`,
  subUrl: null,
  username: 'admin',
  password: line % 2 ? `pw${line}` : null,
  ownerKind: 'public',
  location: null,
  tags: [],
  problems,
});

let n = 0;
const ids = (prefix: string) => `${prefix}-${++n}`;

describe('committing an import', () => {
  it('imports the chosen good rows, creating missing villages once, and reports the rest', () => {
    const data = townshipData();
    const rows = [row(2, '桥头', '东村'), row(3, '门口', '北村'), row(4, '路口', '北村'), row(5, '坏行', '北村', ['mainUrl:scheme']), row(6, '不要', '北村')];
    const plan = planImport(data, 'town', rows, new Set([2, 3, 4, 5]), ids);
    expect(plan.result).toEqual({ imported: 3, villagesCreated: ['北村'], skipped: [{ line: 5, problems: ['mainUrl:scheme'] }] });
    expect(plan.sites).toEqual([{ id: expect.any(String), name: '北村', level: 'village', parentId: 'town', defaultPresetId: null }]);
    expect(plan.cameras.map((c) => [c.camera.name, c.camera.siteId])).toEqual([
      ['桥头', 'east'],
      ['门口', plan.sites[0]!.id],
      ['路口', plan.sites[0]!.id],
    ]);
    expect(plan.cameras.map((c) => c.password)).toEqual([null, 'pw3', null]);
    const next = { ...data, sites: [...data.sites, ...plan.sites], cameras: [...data.cameras, ...plan.cameras.map((c) => ({ ...c.camera, passwordSealed: null }))] };
    expect(StoredDataSchema.safeParse(next).success).toBe(true);
  });

  it('never touches a stored camera: a name taken since the preview is skipped', () => {
    const data = townshipData();
    const plan = planImport(data, 'town', [row(2, '东村口', '东村')], new Set([2]), ids);
    expect(plan.result).toEqual({ imported: 0, villagesCreated: [], skipped: [{ line: 2, problems: ['name:duplicate_name'] }] });
  });
});
