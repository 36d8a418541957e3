import { describe, expect, it } from 'vitest';
import { FlvSplitter } from '../container/flv.js';
import { endlessGop } from '../container/flvTestData.js';
import type { MediaUnit } from '../container/mediaUnit.js';
import { PreRollBuffer } from './preRoll.js';

const MB = 1024 * 1024;
const FRAME_MS = 40;

/** Feeds every unit of `tags` to `add`, each stamped with its own arrival time (25 fps). */
function play(tags: Iterable<Buffer>, add: (unit: MediaUnit, at: number) => void, startAt = 0): number {
  const splitter = new FlvSplitter();
  let at = startAt;
  for (const tag of tags) {
    for (const unit of splitter.push(tag)) {
      add(unit, at);
      if (unit.frameStart) at += FRAME_MS;
    }
  }
  return at;
}

const held = (buffer: PreRollBuffer) => buffer.snapshot().units.reduce((sum, unit) => sum + unit.length, 0);

describe('PreRollBuffer', () => {
  it('keeps the last seconds from a keyframe, whole GOPs at a time', () => {
    const buffer = new PreRollBuffer(2);
    let at = 0;
    for (let gop = 0; gop < 5; gop++) at = play(endlessGop(24, 1000), (unit, when) => buffer.add(unit, when), at);
    const { startedAt, units } = buffer.snapshot();
    // GOPs start at 0, 1000, …, 4000: the one at 2000 reaches back 2 s from the last keyframe.
    expect(startedAt).toBe(2000);
    expect(units).toHaveLength(75);
  });

  it('holds at most its byte cap when a camera sends one keyframe and then minutes of P-frames', () => {
    const buffer = new PreRollBuffer(10);
    let peak = 0;
    // 10 minutes at 25 fps of 4 KB frames (1.6 Mbit/s): 58.6 MB in a single GOP.
    play(endlessGop(10 * 60 * 25, 4096), (unit, at) => {
      buffer.add(unit, at);
      if (unit.frameStart && unit.timestamp! % 1000 === 0) peak = Math.max(peak, held(buffer));
    });
    console.log(`pre-roll held at most ${(peak / MB).toFixed(1)} MB of a 58.6 MB GOP`);
    expect(peak).toBeLessThanOrEqual(24 * MB);
    expect(held(buffer)).toBeLessThanOrEqual(24 * MB);
  });

  it('never offers a clip that starts without its keyframe, and starts again at the next one', () => {
    const buffer = new PreRollBuffer(10);
    const at = play(endlessGop(10 * 60 * 25, 4096), (unit, when) => buffer.add(unit, when));
    const abandoned = buffer.snapshot();
    expect([abandoned.startedAt, abandoned.units.length]).toEqual([null, 0]);
    play(endlessGop(24, 4096), (unit, when) => buffer.add(unit, when), at);
    const { startedAt, units } = buffer.snapshot();
    expect(startedAt).toBe(at);
    expect(units).toHaveLength(25);
  });
});
