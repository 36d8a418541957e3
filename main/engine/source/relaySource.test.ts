import { describe, expect, it } from 'vitest';
import { cameraSessionSource, relayFor, type RelaySite } from './relaySource.js';
import type { SessionSource } from './sessionSource.js';

const flvRelay = { kind: 'relay-flv' as const, template: 'ws://{host}/live/{stream}.live.flv', host: '10.8.0.2:8080', token: 'T0k' };
const rtspRelay = { kind: 'relay-rtsp' as const, template: 'rtsp://viewer:{token}@{host}:8554/{stream}', host: '10.8.0.2', token: 's3cret' };
const sites: RelaySite[] = [
  { id: 'county', parentId: null, relay: rtspRelay },
  { id: 'town', parentId: 'county', relay: flvRelay },
  { id: 'village', parentId: 'town' },
  { id: 'loop-a', parentId: 'loop-b' },
  { id: 'loop-b', parentId: 'loop-a' },
];
const direct: SessionSource = { kind: 'rtsp', url: 'rtsp://192.0.2.10/ch1', credentials: { username: 'admin', password: 'cam' } };
const camera = { id: 'cam-7' };
/** As the integrator calls it: the relay found up the tree from the camera's site. */
const sourceFor = (kind: 'direct' | 'relay-flv' | 'relay-rtsp', siteId: string, cam: { id: string; relayStream?: string } = camera, list = sites) =>
  cameraSessionSource(kind, cam, 'sub', kind === 'direct' ? null : relayFor(list, siteId, kind), () => direct);

describe('relayFor', () => {
  it("finds the nearest relay of the kind asked for, up the site tree", () => {
    expect(relayFor(sites, 'village', 'relay-flv')).toBe(flvRelay);
    expect(relayFor(sites, 'village', 'relay-rtsp')).toBe(rtspRelay);
    expect(relayFor(sites, null, 'relay-flv')).toBeNull();
  });

  it('stops on a damaged tree instead of looping', () => {
    expect(relayFor(sites, 'loop-a', 'relay-flv')).toBeNull();
    expect(relayFor(sites, 'nowhere', 'relay-flv')).toBeNull();
  });
});

describe('cameraSessionSource', () => {
  it('uses the camera itself for a direct camera', () => {
    expect(sourceFor('direct', 'village')).toBe(direct);
  });

  it('pulls relay-flv from the expanded template, carrying the token to redact', () => {
    expect(sourceFor('relay-flv', 'village')).toEqual({
      kind: 'flv-pull',
      url: 'ws://10.8.0.2:8080/live/cam-7.live.flv?token=T0k',
      credentials: {},
      token: 'T0k',
    });
  });

  it('reads relay-rtsp with ffmpeg, the relay user and token as its login', () => {
    expect(sourceFor('relay-rtsp', 'village', { ...camera, relayStream: 'qingshan-gate' })).toEqual({
      kind: 'rtsp',
      url: 'rtsp://10.8.0.2:8554/qingshan-gate',
      credentials: { username: 'viewer', password: 's3cret' },
      token: 's3cret',
    });
  });

  it('gives a source that says what is wrong when no relay is set or its template is broken', () => {
    expect(sourceFor('relay-flv', 'county')).toMatchObject({
      kind: 'flv-pull',
      problem: "no relay-flv media server is set for this camera's site or the sites above it",
    });
    const broken: RelaySite[] = [{ id: 'town', parentId: null, relay: { ...flvRelay, template: 'rtsp://{host}/{stream}' } }];
    expect(sourceFor('relay-flv', 'town', camera, broken).problem).toMatch(/^relay URL template: relay-flv needs/);
  });
});
