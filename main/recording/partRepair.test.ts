/**
 * The start-up repair on real fragmented MP4 (the recorder's own muxer over ffmpeg's H.264), cut
 * off at every kind of place a kill or a power cut can leave it: inside a fragment's data, inside
 * its header, between fragments, and before the first fragment.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { locateFfmpeg } from '../engine/producer/ffmpegLocator.js';
import { boxesIn, fragmentedDuration, scanFragments } from './mp4Boxes.js';
import { repairAll } from './partRepair.js';
import { SPARE_SUFFIX } from './segmentName.js';
import { readSidecar } from './sidecar.js';
import { fmp4FromFlv } from '../../tests/fixtures/fmp4FromFlv.js';

const FFMPEG = locateFfmpeg()?.path ?? 'ffmpeg';
let whole: Buffer;

/** 4 s of 10 fps H.264, a keyframe a second, through the recorder's own muxer. */
beforeAll(() => {
  const flv = execFileSync(FFMPEG, [
    '-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=10', '-t', '4',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '10', '-bf', '0', '-f', 'flv', 'pipe:1',
  ]);
  whole = fmp4FromFlv(flv);
});

function ffprobeFrames(path: string): number {
  const out = execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', path], { encoding: 'utf8' });
  return Number(out.trim());
}

/** A recording folder holding `bytes` as a camera's unfinished segment. */
function partWith(bytes: Buffer) {
  const root = mkdtempSync(join(tmpdir(), 'vw-repair-'));
  const dir = join(root, 'cam1', 'main');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'cam1_main_20261203T010000Z.mp4');
  writeFileSync(`${path}.part`, bytes);
  return { root, path };
}

describe('repairing a cut-off segment', () => {
  it('reads a whole segment: ftyp, moov, one moof+mdat per second, 4 s long', () => {
    const scan = scanFragments(whole);
    expect(scan).toMatchObject({ hasMoov: true, fragments: 4 });
    expect(fragmentedDuration(whole)).toBeCloseTo(4, 1);
  });

  // 5 ffprobes: a loaded machine (load 40) took 7.7 s.
  it('cuts back to the last whole fragment wherever the file was cut, and every result plays', { timeout: 60_000 }, async () => {
    const moofs = boxesIn(whole).boxes.filter((box) => box.type === 'moof');
    const cuts = [
      { at: moofs[2]!.start + 20, fragments: 2 }, // inside the third fragment's header
      { at: moofs[2]!.end + 100, fragments: 2 }, // inside its data
      { at: moofs[3]!.start, fragments: 3 }, // exactly between fragments
      { at: boxesIn(whole).boxes.filter((box) => box.type === 'mdat').at(-1)!.end - 1, fragments: 3 }, // one byte short of the last fragment
      { at: whole.length, fragments: 4 }, // whole: a kill just after the last fragment was written
    ];
    for (const cut of cuts) {
      const { root, path } = partWith(whole.subarray(0, cut.at));
      const [repair] = await repairAll(root);
      expect(repair).toMatchObject({ path, fragments: cut.fragments });
      expect(existsSync(`${path}.part`)).toBe(false);
      expect(ffprobeFrames(path)).toBe(cut.fragments * 10);
      const sidecar = await readSidecar(path);
      expect(sidecar).toMatchObject({ repaired: true, endReason: 'console_stopped', startedAt: Date.UTC(2026, 11, 3, 1, 0, 0) });
      expect(sidecar!.endedAt - sidecar!.startedAt).toBe(cut.fragments * 1000);
    }
  });

  // 40 ffprobes: a loaded machine needs more than the default 5 s.
  it('leaves nothing unplayable over 40 cuts spread through the file', { timeout: 60_000 }, async () => {
    const fragmentsKept: number[] = [];
    for (let i = 1; i <= 40; i += 1) {
      const { root, path } = partWith(whole.subarray(0, Math.floor((whole.length * i) / 41)));
      const [repair] = await repairAll(root);
      fragmentsKept.push(repair!.fragments);
      if (repair!.path) expect(ffprobeFrames(path)).toBe(repair!.fragments * 10);
      else expect(existsSync(path) || existsSync(`${path}.part`)).toBe(false);
    }
    expect(fragmentsKept).toEqual([...fragmentsKept].sort((a, b) => a - b)); // more file never keeps less
    expect(fragmentsKept.at(-1)).toBeGreaterThanOrEqual(3); // the last cut falls inside the last fragment
  });

  it('removes a segment cut off before its first whole fragment: it held nothing playable', async () => {
    const { root, path } = partWith(whole.subarray(0, boxesIn(whole).boxes.find((box) => box.type === 'mdat')!.start + 50));
    expect(await repairAll(root)).toMatchObject([{ path: null, fragments: 0 }]);
    expect(existsSync(`${path}.part`)).toBe(false);
    expect(existsSync(path)).toBe(false);
  });

  it('removes the empty file of a spare writer the kill left waiting, and reports no repair for it', async () => {
    const { root } = partWith(whole);
    const spare = join(root, `.writer-4242-7${SPARE_SUFFIX}`);
    writeFileSync(spare, '');
    expect(await repairAll(root)).toHaveLength(1); // the segment's .part only
    expect(existsSync(spare)).toBe(false);
  });

  it('removes a sidecar temporary a cut left mid-write by another process, not one this process may still be writing', async () => {
    const { root, path } = partWith(whole);
    const dir = join(root, 'cam1', 'main');
    const left = join(dir, 'cam1_main_20261203T005800Z.json.tmp-4242-0123abcd');
    const mine = join(dir, `cam1_main_20261203T005800Z.json.tmp-${process.pid}-89abcdef`);
    writeFileSync(left, '{"startedAt":');
    writeFileSync(mine, '{"startedAt":');
    expect(await repairAll(root)).toHaveLength(1); // the segment's .part only
    expect(existsSync(left)).toBe(false);
    expect(existsSync(mine)).toBe(true);
    expect(existsSync(path)).toBe(true);
  });

  it('leaves finished segments and other files alone', async () => {
    const { root, path } = partWith(whole);
    copyFileSync(`${path}.part`, join(root, 'cam1', 'main', 'cam1_main_20261203T005900Z.mp4'));
    writeFileSync(join(root, 'notes.part'), 'not ours');
    expect(await repairAll(root)).toHaveLength(1);
    expect(existsSync(join(root, 'notes.part'))).toBe(true);
    expect(ffprobeFrames(path)).toBe(40);
  });
});
