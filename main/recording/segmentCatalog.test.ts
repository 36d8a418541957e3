import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SegmentCatalog } from './segmentCatalog.js';
import { segmentFileName, segmentFolder, sidecarPathOf } from './segmentName.js';

const T0 = Date.UTC(2026, 11, 3, 8);

/** A closed segment on disk: its file and its sidecar. */
function writeSegment(root: string, cameraId: string, profile: 'main' | 'sub', startedAt: number, bytes: number): string {
  const dir = segmentFolder(root, cameraId, profile);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, segmentFileName({ cameraId, profile, startedAt }));
  writeFileSync(path, Buffer.alloc(bytes));
  writeFileSync(sidecarPathOf(path), JSON.stringify({ startedAt: startedAt + 40, endedAt: startedAt + 60_040, bytes, keyframesMs: [0], bytesPerSecond: [], endReason: 'length', repaired: false }));
  return path;
}

describe('segment catalog', () => {
  it('reads every camera’s segments from names and sidecars at start, then keeps count from what it is told', async () => {
    const root = mkdtempSync(join(tmpdir(), 'vw-catalog-'));
    const first = writeSegment(root, 'square', 'main', T0, 100);
    writeSegment(root, 'yard', 'sub', T0, 50);
    const catalog = new SegmentCatalog(root);
    await catalog.whole;
    expect(catalog.all().sort((a, b) => a.bytes - b.bytes)).toEqual([
      { path: expect.stringContaining('yard_sub_'), cameraId: 'yard', profile: 'sub', startedAt: T0 + 40, endedAt: T0 + 60_040, bytes: 50 },
      { path: first, cameraId: 'square', profile: 'main', startedAt: T0 + 40, endedAt: T0 + 60_040, bytes: 100 },
    ]);

    // Closed by a recorder: added. Written behind its back: not read again until the next rebuild.
    const closed = writeSegment(root, 'square', 'main', T0 + 60_000, 200);
    await catalog.add(closed);
    writeSegment(root, 'square', 'main', T0 + 120_000, 300);
    catalog.remove(first);
    expect(catalog.all().map((segment) => segment.bytes).sort()).toEqual([200, 50]);
    const again = new SegmentCatalog(root);
    await again.whole;
    expect(again.all().map((segment) => segment.bytes).sort()).toEqual([100, 200, 300, 50]);
    expect((await again.of('square', 'main')).map((segment) => segment.bytes)).toEqual([100, 200, 300]);
    expect(await again.of('square', 'sub')).toEqual([]);
  });

  it('gives one stream’s segments oldest first, as they are added, read again and removed', async () => {
    const root = mkdtempSync(join(tmpdir(), 'vw-catalog-'));
    const catalog = new SegmentCatalog(root);
    const second = writeSegment(root, 'square', 'main', T0 + 60_000, 2);
    await catalog.add(second);
    writeSegment(root, 'square', 'sub', T0, 9);
    await catalog.add(join(segmentFolder(root, 'square', 'sub'), segmentFileName({ cameraId: 'square', profile: 'sub', startedAt: T0 })));
    expect((await catalog.of('square', 'main')).map((segment) => segment.bytes)).toEqual([2]);
    const first = writeSegment(root, 'square', 'main', T0, 1);
    await catalog.add(first);
    expect((await catalog.of('square', 'main')).map((segment) => segment.bytes)).toEqual([1, 2]);
    writeSegment(root, 'square', 'main', T0, 5); // repaired and read again: the new figures, once
    await catalog.add(first);
    expect((await catalog.of('square', 'main')).map((segment) => segment.bytes)).toEqual([5, 2]);
    catalog.remove(second);
    expect((await catalog.of('square', 'main')).map((segment) => segment.bytes)).toEqual([5]);
    expect((await catalog.of('square', 'sub')).map((segment) => segment.bytes)).toEqual([9]);
    expect(catalog.all()).toHaveLength(2);
  });

  it('ignores a file that is not a segment, or gone before it could be read', async () => {
    const root = mkdtempSync(join(tmpdir(), 'vw-catalog-'));
    const catalog = new SegmentCatalog(root);
    await catalog.add(join(root, 'notes.txt'));
    await catalog.add(join(segmentFolder(root, 'square', 'main'), segmentFileName({ cameraId: 'square', profile: 'main', startedAt: T0 })));
    // Closed in the folder recording used before a settings change: that folder's, not this one's.
    const before = writeSegment(mkdtempSync(join(tmpdir(), 'vw-catalog-old-')), 'square', 'main', T0, 7);
    await catalog.add(before);
    expect(catalog.all()).toEqual([]);
  });
});
