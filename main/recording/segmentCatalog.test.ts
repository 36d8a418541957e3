import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SegmentCatalog, type SegmentReader } from './segmentCatalog.js';
import { readSegment } from './segmentIndex.js';
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

  it('reads a range’s sidecars once: asked again it reads none, and of the hour before only what may run into the range', async () => {
    const root = mkdtempSync(join(tmpdir(), 'vw-catalog-'));
    const paths = Array.from({ length: 180 }, (_, i) => writeSegment(root, 'square', 'main', T0 + i * 60_000, 10)); // 3 hours
    const reads: string[] = [];
    const read: SegmentReader = (path, file, startedAt) => (reads.push(path), readSegment(path, file, startedAt));
    const catalog = new SegmentCatalog(root, { read });
    const third = { from: T0 + 2 * 3600_000, to: T0 + 3 * 3600_000 };

    // While the ends are unknown the hour before is read too: a segment starting then might run into the range.
    expect((await catalog.between('square', 'main', third.from, third.to)).map((segment) => segment.path)).toEqual(paths.slice(119)); // with the one ending 40 ms into it
    expect(reads).toEqual(paths.slice(60));
    reads.length = 0;
    expect((await catalog.between('square', 'main', third.from, third.to)).map((segment) => segment.path)).toEqual(paths.slice(119));
    expect(reads).toEqual([]);

    await catalog.whole; // every end known now
    reads.length = 0;
    const first = { from: T0, to: T0 + 3600_000 };
    const second = { from: T0 + 3600_000, to: T0 + 2 * 3600_000 };
    expect((await catalog.between('square', 'main', second.from, second.to)).map((segment) => segment.path)).toEqual(paths.slice(59, 120));
    expect(reads).toEqual([paths[59]]); // of the hour before, only the one running into the range; the hour itself was kept
    reads.length = 0;
    expect(await catalog.between('square', 'main', first.from, first.to)).toHaveLength(60);
    expect(reads).toEqual(paths.slice(0, 59)); // the 60th was kept a moment ago
  });
});
