import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asarUnpackedPath, describeFfmpeg, locateFfmpeg } from './ffmpegLocator.js';

/** Real files on disk: an executable script per place ffmpeg may be found. */
function fakeBinaries(...names: string[]): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'vw-locator-'));
  const paths: Record<string, string> = {};
  for (const name of names) {
    mkdirSync(join(dir, name));
    const path = join(dir, name, 'ffmpeg');
    writeFileSync(path, '#!/bin/sh\necho "ffmpeg version 9.9-test Copyright"\n');
    chmodSync(path, 0o755);
    paths[name] = path;
  }
  return paths;
}

describe('locateFfmpeg', () => {
  const bins = fakeBinaries('setting', 'env', 'static', 'onpath');
  const all = {
    setting: bins.setting,
    env: { FFMPEG_PATH: bins.env, PATH: join(bins.onpath!, '..') },
    staticPath: () => bins.static!,
  };

  it('prefers the setting, then FFMPEG_PATH, then ffmpeg-static, then PATH', () => {
    expect(locateFfmpeg(all)).toEqual({ path: bins.setting, source: 'setting' });
    expect(locateFfmpeg({ ...all, setting: null })).toEqual({ path: bins.env, source: 'env' });
    expect(locateFfmpeg({ ...all, setting: null, env: { PATH: all.env.PATH } })).toEqual({ path: bins.static, source: 'ffmpeg-static' });
    expect(locateFfmpeg({ setting: null, env: { PATH: all.env.PATH }, staticPath: () => null })).toEqual({ path: bins.onpath, source: 'path' });
  });

  it('skips a configured path that is not an executable file', () => {
    expect(locateFfmpeg({ ...all, setting: '/nonexistent/ffmpeg' })).toEqual({ path: bins.env, source: 'env' });
  });

  it('reports nothing found instead of throwing', async () => {
    const none = { setting: null, env: { PATH: '/nonexistent' }, staticPath: () => null };
    expect(locateFfmpeg(none)).toBeNull();
    expect(await describeFfmpeg(none)).toEqual({ ok: false, path: null, source: null, version: null });
  });

  it('reads the version of the binary it found', async () => {
    expect(await describeFfmpeg(all)).toMatchObject({ ok: true, source: 'setting', version: '9.9-test' });
  });
});

describe('asarUnpackedPath', () => {
  it.each([
    ['/opt/村村通视频墙/resources/app.asar/node_modules/ffmpeg-static/ffmpeg', '/opt/村村通视频墙/resources/app.asar.unpacked/node_modules/ffmpeg-static/ffmpeg'],
    ['C:\\Program Files\\村村通视频墙\\resources\\app.asar\\node_modules\\ffmpeg-static\\ffmpeg.exe', 'C:\\Program Files\\村村通视频墙\\resources\\app.asar.unpacked\\node_modules\\ffmpeg-static\\ffmpeg.exe'],
  ])('points a packaged app at the unpacked binary: %s', (packed, unpacked) => {
    expect(asarUnpackedPath(packed)).toBe(unpacked);
  });

  it('leaves a development path, and one already unpacked, alone', () => {
    expect(asarUnpackedPath('/work/main/node_modules/ffmpeg-static/ffmpeg')).toBe('/work/main/node_modules/ffmpeg-static/ffmpeg');
    expect(asarUnpackedPath('/opt/vw/resources/app.asar.unpacked/node_modules/ffmpeg-static/ffmpeg')).toBe('/opt/vw/resources/app.asar.unpacked/node_modules/ffmpeg-static/ffmpeg');
    expect(asarUnpackedPath('/home/app.asarchive/ffmpeg')).toBe('/home/app.asarchive/ffmpeg');
  });
});
