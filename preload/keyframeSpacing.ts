/**
 * Keyframes-only playback (fast and reverse) keeps keyframes at least a spacing of recorded time
 * apart: the player decodes no more than that, and the recorder's `/get?keyframes=1&spacing=ms`
 * sends no more, so the page does not read keyframes only to throw them away. One rule for both.
 */

/**
 * Is the keyframe at `dtsMs` too soon after the last one kept (`lastKeptMs`)? 90 %: keyframes a
 * GOP apart land a hair under the spacing (a 1 s GOP can read 999.9 ms), and an exact comparison
 * skipped some of them at 8×. A keyframe behind the last one (a reverse read) is never too close.
 */
export function keyframeTooClose(lastKeptMs: number, dtsMs: number, spacingMs: number): boolean {
  return dtsMs > lastKeptMs && dtsMs - lastKeptMs < spacingMs * 0.9;
}
