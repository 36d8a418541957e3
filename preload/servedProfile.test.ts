import { describe, expect, it } from 'vitest';
import type { Profile } from './api';
import { servedProfile, servedUrl } from './servedProfile';

const MAIN = 'rtsp://198.51.100.7/main';
const SUB = 'rtsp://198.51.100.7/sub';

describe('the stream a camera serves', () => {
  // camera's sub stream, profile wanted → profile served
  const table: [string, { subUrl: string | null } | undefined, Profile, Profile][] = [
    ['sub stream, small tile', { subUrl: SUB }, 'sub', 'sub'],
    ['sub stream, big tile', { subUrl: SUB }, 'main', 'main'],
    ['no sub stream, small tile', { subUrl: null }, 'sub', 'main'],
    ['no sub stream, big tile', { subUrl: null }, 'main', 'main'],
    ['empty sub stream address, small tile', { subUrl: '' }, 'sub', 'main'],
    ['camera not known yet, small tile', undefined, 'sub', 'main'],
    ['camera not known yet, big tile', undefined, 'main', 'main'],
  ];
  it.each(table)('%s', (_case, camera, wanted, served) => {
    expect(servedProfile(camera, wanted)).toBe(served);
  });
});

describe('the address ffmpeg opens', () => {
  it('is the sub stream only when the sub stream is served', () => {
    expect(servedUrl({ mainUrl: MAIN, subUrl: SUB }, 'sub')).toBe(SUB);
    expect(servedUrl({ mainUrl: MAIN, subUrl: SUB }, 'main')).toBe(MAIN);
    expect(servedUrl({ mainUrl: MAIN, subUrl: null }, 'sub')).toBe(MAIN);
    expect(servedUrl({ mainUrl: MAIN, subUrl: '' }, 'sub')).toBe(MAIN);
  });
});
