import { describe, expect, it } from 'vitest';
import { demoSiteData } from './demoSite.js';
import { migrateV1toV2, upgrade } from './migrations.js';
import { SCHEMA_VERSION, StoredDataSchema, emptyData } from './model.js';
import { townshipData, v1Fixture } from './testData.js';

describe('the stored model (v2)', () => {
  it('accepts the demo site, an empty console and a township', () => {
    for (const data of [demoSiteData(), emptyData(), townshipData()]) expect(StoredDataSchema.safeParse(data).success).toBe(true);
  });

  it('refuses a camera without an owner kind, with an unknown one, or at an impossible place', () => {
    const data = townshipData();
    const { ownerKind: _gone, ...noKind } = data.cameras[0]!;
    expect(StoredDataSchema.safeParse({ ...data, cameras: [noKind] }).success).toBe(false);
    expect(StoredDataSchema.safeParse({ ...data, cameras: [{ ...data.cameras[0]!, ownerKind: 'shared' }] }).success).toBe(false);
    expect(StoredDataSchema.safeParse({ ...data, cameras: [{ ...data.cameras[0]!, location: { lng: 200, lat: 10 } }] }).success).toBe(false);
  });

  it('leaves room for a household owner and consent, both optional', () => {
    const data = townshipData();
    const household = { ...data.cameras[0]!, ownerKind: 'household' as const, owner: { name: '王大伯', contact: '138' }, consent: { levels: ['village' as const], until: null, revoked: false } };
    expect(StoredDataSchema.safeParse({ ...data, cameras: [household] }).success).toBe(true);
  });
});

describe('migrations', () => {
  it('v1 → v2 makes every camera public with no tags or place, and every site without a default preset', () => {
    const v2 = migrateV1toV2(v1Fixture());
    expect(v2.schemaVersion).toBe(2);
    expect(v2.cameras.map((c) => [c.ownerKind, c.tags, c.location])).toEqual([
      ['public', [], null],
      ['public', [], null],
    ]);
    expect(v2.sites.every((s) => s.defaultPresetId === null)).toBe(true);
    // Nothing else moves: ids, sealed passwords, the wall and presets are as they were.
    expect(v2.cameras[0]).toMatchObject({ id: 'cam-1', username: 'admin', passwordSealed: 'gcm1:x', subUrl: 'rtsp://192.0.2.10/ch2' });
    expect(v2.wall).toEqual(v1Fixture().wall);
    expect(v2.presets).toEqual(v1Fixture().presets);
  });

  it('upgrade takes a v1 document to the current version and says where it came from', () => {
    const result = upgrade(JSON.parse(JSON.stringify(v1Fixture())));
    expect(result).toMatchObject({ ok: true, from: 1, data: { schemaVersion: SCHEMA_VERSION } });
  });

  it('upgrade passes a current document through unchanged', () => {
    expect(upgrade(townshipData())).toEqual({ ok: true, from: SCHEMA_VERSION, data: townshipData() });
  });

  it('upgrade refuses a v1 document that was not valid v1, naming the field', () => {
    const broken = { ...v1Fixture(), cameras: [{ ...v1Fixture().cameras[0], mainUrl: '' }] };
    const result = upgrade(broken);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem).toMatch(/version 1: cameras\.0\.mainUrl/);
  });

  it.each([
    ['a newer version', { schemaVersion: 99 }, /newer than this console/],
    ['an unknown old version', { schemaVersion: 0 }, /unknown/],
    ['no version', { sites: [] }, /missing/],
    ['not an object', 'hello', /missing/],
  ])('upgrade refuses %s', (_name, raw, problem) => {
    const result = upgrade(raw);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem).toMatch(problem);
  });
});
