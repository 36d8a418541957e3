import { describe, expect, it } from 'vitest';
import { keyframeTooClose } from '../../../preload/keyframeSpacing';
import { KEYFRAMES_PER_SECOND } from './recordedPlayer';

/** The spacing the player asks of keyframes at `speed`: at most KEYFRAMES_PER_SECOND a wall second. */
const spacingAt = (speed: number) => (speed * 1000) / KEYFRAMES_PER_SECOND;

/** Which of keyframes at `times` (ms of recording) the player decodes, in order. */
function decoded(times: number[], speed: number): number[] {
  const fed: number[] = [];
  for (const dts of times) if (fed.length === 0 || !keyframeTooClose(fed.at(-1)!, dts, spacingAt(speed))) fed.push(dts);
  return fed;
}

describe('keyframes only: how many the player decodes', () => {
  // A 1 s GOP as the recorder stores it: 90 kHz ticks turned into ms land a hair under 1000 apart.
  const gops = Array.from({ length: 17 }, (_, i) => i * 999.9);

  it('decodes every keyframe of a 1 s GOP at 8× (8 a wall second), not every other one', () => {
    expect(decoded(gops, 8)).toHaveLength(17);
  });

  it('decodes every other one at 16×, so the cost stays at 8 a wall second', () => {
    expect(decoded(gops, 16)).toHaveLength(9);
  });

  it('never counts a keyframe behind the last one as too close (reverse reads go back)', () => {
    expect(keyframeTooClose(5000, 4000, spacingAt(8))).toBe(false);
  });
});
