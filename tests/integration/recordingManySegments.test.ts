/**
 * A month of footage holds more segments than the process may have files open at once (60 s
 * segments: 43 200 a camera; Linux gives a process a few thousand to tens of thousands). Reading
 * them must not open them all together: a sidecar whose read fails for want of a file descriptor
 * would be taken for a segment gone, and the catalog (what retention deletes from) and `/list`
 * would silently miss it. Real files on disk, more than this process's open-file limit.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { SegmentCatalog } from '../../main/recording/segmentCatalog.js';
import { listSegments } from '../../main/recording/segmentIndex.js';
import { segmentFileName, segmentFolder, sidecarPathOf } from '../../main/recording/segmentName.js';

/** The soft limit on open files this process runs under (a child shell inherits it). */
const openFileLimit = Number(execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim());
// Past a limit this high the folder would take minutes to write: the check needs a machine with a usual limit.
const testable = Number.isFinite(openFileLimit) && openFileLimit <= 70_000;
const T0 = Date.UTC(2026, 10, 1);
const root = mkdtempSync(join(tmpdir(), 'vw-many-segments-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

it.skipIf(!testable)('reads every segment of a folder holding more of them than files may be open at once', { timeout: 300_000 }, async () => {
  const count = openFileLimit + 2000;
  const dir = segmentFolder(root, 'cam', 'main');
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const startedAt = T0 + i * 60_000;
    const path = join(dir, segmentFileName({ cameraId: 'cam', profile: 'main', startedAt }));
    writeFileSync(path, '');
    writeFileSync(sidecarPathOf(path), JSON.stringify({ startedAt, endedAt: startedAt + 59_990, bytes: 1, keyframesMs: [0], bytesPerSecond: [1], endReason: 'length', repaired: false }));
  }

  const listed = await listSegments(root, 'cam', 'main');
  expect(listed.length).toBe(count);
  const catalog = new SegmentCatalog(root);
  await catalog.whole;
  expect(catalog.all().length).toBe(count);
});
