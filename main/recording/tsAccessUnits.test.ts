import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TsAccessUnits, type TsAccessUnit } from './tsAccessUnits.js';

const dir = mkdtempSync(join(tmpdir(), 'vw-ts-units-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Three seconds of libx265 in MPEG-TS as a session's ffmpeg writes it (`-mpegts_flags +resend_headers`). */
function hevcTs(): Buffer {
  const file = join(dir, 'camera.ts');
  const run = spawnSync('ffmpeg', [
    '-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=15', '-t', '3', '-pix_fmt', 'yuv420p',
    '-c:v', 'libx265', '-x265-params', 'log-level=error:keyint=15:min-keyint=15:bframes=0', '-an', '-f', 'mpegts', '-mpegts_flags', '+resend_headers', file,
  ]);
  if (run.status !== 0) throw new Error(`ffmpeg failed: ${run.stderr}`);
  return readFileSync(file);
}

/** The bytes of each video PES in the file, counted by hand: its TS packets, from one payload start on the video PID to the next. */
function videoPesBytes(ts: Buffer): number[] {
  const sizes: number[] = [];
  let videoPid: number | null = null;
  for (let at = 0; at + 188 <= ts.length; at += 188) {
    const pid = ((ts[at + 1]! & 0x1f) << 8) | ts[at + 2]!;
    const payloadStart = (ts[at + 1]! & 0x40) !== 0;
    const payload = ((ts[at + 3]! >> 4) & 3) === 3 ? at + 5 + ts[at + 4]! : at + 4;
    const videoPes = ts[payload] === 0 && ts[payload + 1] === 0 && ts[payload + 2] === 1 && (ts[payload + 3]! & 0xf0) === 0xe0;
    if (videoPid === null && payloadStart && videoPes) videoPid = pid;
    if (pid !== videoPid) continue;
    if (payloadStart) sizes.push(0);
    sizes[sizes.length - 1]! += 188;
  }
  return sizes;
}

describe('the recorder’s MPEG-TS access units', () => {
  it('hands out each picture one picture late, with its hvcC and size, and the bytes of the TS packets it came in', () => {
    const ts = hevcTs();
    const reader = new TsAccessUnits();
    const units: TsAccessUnit[] = [];
    // In pieces that cut packets in two, as a pipe delivers them.
    for (let at = 0; at < ts.length; at += 1000) units.push(...reader.push(ts.subarray(at, at + 1000)));
    expect(units).toHaveLength(44); // the 45th is whole only when a 46th starts
    expect(units.filter((unit) => unit.picture.key).map((unit) => units.indexOf(unit))).toEqual([0, 15, 30]);
    expect(units[0]!.config.codec).toMatch(/^hvc1\./);
    expect([units[0]!.config.width, units[0]!.config.height]).toEqual([320, 180]);
    // The activity signal counts what arrived, PES by PES, as the packets carried it.
    const pes = videoPesBytes(ts);
    expect(pes).toHaveLength(45);
    expect(units.map((unit) => unit.bytes)).toEqual(pes.slice(0, 44));
    // Decode times in ms, 15 fps; each sample is length-prefixed NAL units (no start codes).
    expect(units[1]!.picture.dts - units[0]!.picture.dts).toBeCloseTo(1000 / 15, 3);
    for (const unit of units) {
      const data = unit.picture.data;
      let at = 0;
      while (at < data.length) at += 4 + ((data[at]! << 24) | (data[at + 1]! << 16) | (data[at + 2]! << 8) | data[at + 3]!);
      expect(at).toBe(data.length);
    }
  });

  it('refuses bytes that are not MPEG-TS', () => {
    expect(() => new TsAccessUnits().push(Buffer.alloc(400, 1))).toThrow(/sync/);
  });
});
