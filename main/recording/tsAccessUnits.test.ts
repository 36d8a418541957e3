import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

function ffprobeFrames(bytes: Buffer): { codec: string; frames: number; keyframes: number } {
  const file = join(dir, 'cut.ts');
  writeFileSync(file, bytes);
  const run = spawnSync('ffprobe', ['-v', 'error', '-count_frames', '-show_entries', 'stream=codec_name,nb_read_frames', '-show_packets', '-of', 'json', file], { maxBuffer: 64 * 1024 * 1024 });
  const json = JSON.parse(run.stdout.toString()) as { streams: { codec_name: string; nb_read_frames: string }[]; packets: { flags: string }[] };
  return { codec: json.streams[0]!.codec_name, frames: Number(json.streams[0]!.nb_read_frames), keyframes: json.packets.filter((p) => p.flags.startsWith('K')).length };
}

describe('the recorder’s MPEG-TS access units', () => {
  it('hands out each picture with exactly the TS packets it came in, one picture late, with its hvcC and size', () => {
    const ts = hevcTs();
    const reader = new TsAccessUnits();
    const units: TsAccessUnit[] = [];
    // In pieces that cut packets in two, as a pipe delivers them.
    for (let at = 0; at < ts.length; at += 1000) units.push(...reader.push(ts.subarray(at, at + 1000)));
    expect(units).toHaveLength(44); // the 45th is whole only when a 46th starts
    expect(units.filter((unit) => unit.picture.key)).toHaveLength(3);
    expect(units[0]!.picture.key).toBe(true);
    expect(units[0]!.config.codec).toMatch(/^hvc1\./);
    expect([units[0]!.config.width, units[0]!.config.height]).toEqual([320, 180]);
    for (const unit of units) expect(unit.bytes).toBe(unit.packets.reduce((sum, packet) => sum + packet.length, 0));
    // PAT and PMT, then the pictures' packets from the second keyframe: a file ffmpeg reads whole.
    const tables = reader.tables();
    expect(tables.map((packet) => ((packet[1]! & 0x1f) << 8) | packet[2]!)[0]).toBe(0);
    const fromSecondKey = units.slice(15);
    expect(fromSecondKey[0]!.picture.key).toBe(true);
    const cut = Buffer.concat([...tables, ...fromSecondKey.flatMap((unit) => unit.packets)]);
    expect(ffprobeFrames(cut)).toEqual({ codec: 'hevc', frames: 29, keyframes: 2 });
    // Decode times in ms, 15 fps.
    expect(units[1]!.picture.dts - units[0]!.picture.dts).toBeCloseTo(1000 / 15, 3);
  });

  it('refuses bytes that are not MPEG-TS', () => {
    expect(() => new TsAccessUnits().push(Buffer.alloc(400, 1))).toThrow(/sync/);
  });
});
