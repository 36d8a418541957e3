/**
 * The sidecar's hand check (the fast path every list reads through) and its zod schema (the
 * written shape) give the same answer for the same JSON: valid sidecars, and each field broken.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { watchedIo } from '../store/watchedFileIo.js';
import { SidecarSchema, isSidecar, readSidecar, writeSidecar, type Sidecar } from './sidecar.js';

const good = { startedAt: 1_796_000_000_000, endedAt: 1_796_000_060_000, bytes: 1200, keyframesMs: [0, 1000], bytesPerSecond: [300, 900], endReason: 'length', repaired: false };

const cases: [string, unknown][] = [
  ['whole', good],
  ['repaired, no keyframes known', { ...good, keyframesMs: null, bytesPerSecond: [], endReason: 'console_stopped', repaired: true }],
  ['an extra field', { ...good, note: 'x' }],
  ['not an object', 'length'],
  ['null', null],
  ['an array', [good]],
  ['start as text', { ...good, startedAt: '1796000000000' }],
  ['no end', { ...good, endedAt: undefined }],
  ['negative bytes', { ...good, bytes: -1 }],
  ['fractional bytes', { ...good, bytes: 1.5 }],
  ['keyframes missing', { ...good, keyframesMs: undefined }],
  ['a keyframe as text', { ...good, keyframesMs: [0, '1000'] }],
  ['fractional rate', { ...good, bytesPerSecond: [1.5] }],
  ['negative rate', { ...good, bytesPerSecond: [-3] }],
  ['rate not an array', { ...good, bytesPerSecond: 300 }],
  ['an unknown end', { ...good, endReason: 'power_cut' }],
  ['repaired as text', { ...good, repaired: 'no' }],
];

describe('sidecar check', () => {
  it.each(cases)('%s: the same answer as the schema', (_, value) => {
    const json: unknown = value === undefined ? value : JSON.parse(JSON.stringify(value));
    expect(isSidecar(json)).toBe(SidecarSchema.safeParse(json).success);
  });

  it('reads every end reason an older console wrote, and the output switch this one adds', () => {
    const older = ['length', 'format_change', 'clock_jump', 'offline', 'unauthorized', 'disk_full', 'console_stopped', 'writer_failed'];
    for (const endReason of [...older, 'output_switched']) {
      const json: unknown = JSON.parse(JSON.stringify({ ...good, endReason }));
      expect([endReason, isSidecar(json), SidecarSchema.safeParse(json).success]).toEqual([endReason, true, true]);
    }
  });

  it('accepts the valid ones and refuses the rest', () => {
    expect(cases.filter(([, value]) => isSidecar(JSON.parse(JSON.stringify(value)))).map(([what]) => what)).toEqual(['whole', 'repaired, no keyframes known', 'an extra field']);
  });
});

describe('writing a sidecar', () => {
  it('flushes it to disk before renaming it into place, and the folder after, as a power cut needs', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'vw-sidecar-'));
    try {
      const segment = join(folder, 'cam-1_main_20261203T080000Z.mp4');
      const calls: string[] = [];
      await writeSidecar(segment, good as Sidecar, watchedIo(calls, folder));
      expect(calls).toEqual(['open temporary', 'write temporary', 'sync temporary', 'close temporary', 'rename temporary target', 'open folder', 'sync folder', 'close folder']);
      expect(await readSidecar(segment)).toEqual(good);
      expect(readdirSync(folder)).toHaveLength(1); // no temporary file left beside it
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
