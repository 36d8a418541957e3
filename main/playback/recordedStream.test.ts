import { describe, expect, it } from 'vitest';
import { readSegmentBytes } from './recordedStream.js';

const box = (type: string, body: number, declared = body + 8) => {
  const bytes = Buffer.alloc(8 + body);
  bytes.writeUInt32BE(declared, 0);
  bytes.write(type, 4, 'latin1');
  return bytes;
};

describe('reading a segment', () => {
  it('reads one being written only up to its last whole fragment: the fragment ffmpeg is writing is never read', async () => {
    const whole = Buffer.concat([box('ftyp', 8), box('moov', 20), box('moof', 16), box('mdat', 100)]);
    // The next fragment: its moof is whole, its mdat only half on disk yet.
    const part = Buffer.concat([whole, box('moof', 16), box('mdat', 40, 8 + 100)]);
    const read = async (path: string) => (path === 'a.mp4.part' ? part : Buffer.alloc(0));
    expect(await readSegmentBytes({ path: 'a.mp4', partPath: 'a.mp4.part', startedAt: 0, endedAt: 1 }, read)).toEqual(whole);
  });

  it('reads the closed file when the .part was renamed meanwhile, and a closed segment as it is', async () => {
    const closed = Buffer.concat([box('ftyp', 8), box('moov', 20), box('moof', 16), box('mdat', 100)]);
    const read = async (path: string) => {
      if (path !== 'a.mp4') throw Object.assign(new Error('gone'), { code: 'ENOENT' });
      return closed;
    };
    expect(await readSegmentBytes({ path: 'a.mp4', partPath: 'a.mp4.part', startedAt: 0, endedAt: 1 }, read)).toBe(closed);
    expect(await readSegmentBytes({ path: 'a.mp4', startedAt: 0, endedAt: 1 }, read)).toBe(closed);
  });
});
