import { describe, expect, it } from 'vitest';
import { checkPlaybackSource, checkSourceUrl, remotePath } from './playbackSource.js';

describe('a site’s recordings source', () => {
  it('keeps the server’s address as a base URL without a trailing slash', () => {
    expect(checkSourceUrl('http://10.0.0.5:9996/')).toEqual({ ok: true, base: 'http://10.0.0.5:9996' });
    expect(checkSourceUrl(' https://rec.town.example/mediamtx/ ')).toEqual({ ok: true, base: 'https://rec.town.example/mediamtx' });
  });

  it('refuses what is not an http(s) address, and a password typed into it', () => {
    expect(checkSourceUrl('10.0.0.5:9996')).toMatchObject({ ok: false });
    expect(checkSourceUrl('rtsp://10.0.0.5:8554')).toEqual({ ok: false, problem: 'scheme' });
    expect(checkSourceUrl('http://viewer:pw@10.0.0.5:9996')).toEqual({ ok: false, problem: 'credentials' });
    expect(checkSourceUrl('http://10.0.0.5:9996/?path=x')).toEqual({ ok: false, problem: 'url' });
  });

  it('makes each camera’s path from the template: a console’s, or MediaMTX’s path names', () => {
    const camera = { id: 'east-1', relayStream: 'east_crossroads' };
    expect(remotePath('{cameraId}/{profile}', camera, 'sub')).toEqual({ ok: true, path: 'east-1/sub' });
    expect(remotePath('{stream}', camera, 'main')).toEqual({ ok: true, path: 'east_crossroads' });
    expect(remotePath('{stream}', { id: 'east-2' }, 'main')).toEqual({ ok: true, path: 'east-2' });
    expect(remotePath('cams/{cameraId}_{profile}', camera, 'main')).toEqual({ ok: true, path: 'cams/east-1_main' });
  });

  it('refuses an unknown placeholder and a path that climbs or carries a query', () => {
    expect(remotePath('{camera}', { id: 'x' }, 'main')).toEqual({ ok: false, problem: 'placeholder' });
    expect(remotePath('../{cameraId}', { id: 'x' }, 'main')).toEqual({ ok: false, problem: 'path' });
    expect(remotePath('{cameraId}?token=1', { id: 'x' }, 'main')).toEqual({ ok: false, problem: 'path' });
    expect(checkPlaybackSource('http://10.0.0.5:9996', '{nope}')).toEqual({ ok: false, field: 'pathTemplate', problem: 'placeholder' });
  });
});
