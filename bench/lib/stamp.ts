/**
 * The clock camera's time stamp (drawn by bench/lib/clock_camera.py): epoch ms modulo 2^40 in
 * the top 48 rows of a 640-wide frame, two bands of 40 blocks (16×24 px), most significant bit
 * first; band A white = 1, band B the complement.
 *
 * `decodeBands` also runs in the page (passed as source text), so it stays self-contained.
 */

export const STAMP_WIDTH = 640;
export const STAMP_ROWS = 48;
export const STAMP_BITS = 40;
const MODULUS = 2 ** 40;

/**
 * The stamp from one brightness value per block of band A and band B, or -1 when they do not
 * read as a valid stamp. Band B is band A inverted, so exactly half the blocks are white and the
 * mean is mid-grey: the threshold adapts to the picture's range.
 */
export function decodeBands(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const bits = 40;
  let total = 0;
  for (let i = 0; i < bits; i++) total += a[i]! + b[i]!;
  const threshold = total / (2 * bits);
  let value = 0;
  for (let i = 0; i < bits; i++) {
    const one = a[i]! > threshold;
    if (one === b[i]! > threshold || Math.abs(a[i]! - b[i]!) < 40) return -1;
    value = value * 2 + (one ? 1 : 0);
  }
  return value;
}

/**
 * The stamp in full-resolution pixels (STAMP_WIDTH × STAMP_ROWS, `step` bytes per pixel, a
 * luma-like channel first), averaging the middle of each block.
 */
export function readStamp(pixels: ArrayLike<number>, step: number): number {
  const sample = (block: number, band: number): number => {
    let sum = 0;
    let n = 0;
    for (let y = band * 24 + 8; y < band * 24 + 16; y += 2) {
      for (let x = block * 16 + 5; x < block * 16 + 11; x += 2) {
        sum += pixels[(y * STAMP_WIDTH + x) * step]!;
        n++;
      }
    }
    return sum / n;
  };
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < STAMP_BITS; i++) {
    a.push(sample(i, 0));
    b.push(sample(i, 1));
  }
  return decodeBands(a, b);
}

/** now − stamp in ms, given a full epoch-ms `now` and a stamp modulo 2^40 (negative if ahead). */
export function latencyOf(nowMs: number, stamp: number): number {
  const diff = (((nowMs - stamp) % MODULUS) + MODULUS) % MODULUS;
  return diff > MODULUS / 2 ? diff - MODULUS : diff;
}
