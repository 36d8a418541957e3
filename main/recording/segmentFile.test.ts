/**
 * A segment's `.part` on a real file, with the file calls it makes watched (and, for a disk that
 * misbehaves, answered) by a wrapper: it flushes what it wrote to the disk a second after the last
 * flush, never more often, and all of it before a clean close (what a power cut keeps), and a disk that takes nothing, fails
 * a flush or stalls in one ends the segment with the reason the recorder turns into the gap's.
 */
import { close, fdatasync, mkdtempSync, readFileSync, rmSync, write, writev } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { SegmentFile, SYNC_INTERVAL_MS, type SegmentFileIo } from './segmentFile.js';

const dir = mkdtempSync(join(tmpdir(), 'vw-segment-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const nextPath = () => join(dir, `cam_main_2026120${files++}T000000Z.mp4`);

/** The real calls, each one noted in order. */
function watchedIo(calls: string[], overrides: Partial<SegmentFileIo> = {}): SegmentFileIo {
  return {
    writev: (fd, buffers, position, callback) => {
      calls.push('write');
      writev(fd, buffers, position, callback);
    },
    fdatasync: (fd, callback) => {
      calls.push('sync');
      fdatasync(fd, callback);
    },
    close: (fd, callback) => {
      calls.push('close');
      close(fd, callback);
    },
    ...overrides,
  };
}

const failures = () => {
  const seen: NodeJS.ErrnoException[] = [];
  return { seen, onFailure: (error: NodeJS.ErrnoException) => seen.push(error) };
};

describe('a segment’s file on disk', () => {
  it('flushes what it wrote a second after the last flush, at most once a second, and all of it before a clean close', async () => {
    const calls: string[] = [];
    const syncStarts: number[] = [];
    const createdAt = performance.now();
    const file = new SegmentFile(nextPath(), () => {}, watchedIo(calls, { fdatasync: (fd, callback) => (calls.push('sync'), syncStarts.push(performance.now()), fdatasync(fd, callback)) }));
    const chunks = Array.from({ length: 13 }, (_, i) => Buffer.alloc(4096, i));
    // A burst (a fragment of several cameras' worth): no flush for each write.
    for (const chunk of chunks.slice(0, 10)) file.write(chunk);
    await vi.waitFor(() => expect(file.bytesWritten).toBe(10 * 4096), { timeout: 10_000, interval: 20 });
    // No more writes come: the flush comes by itself when its second is up (on a busy machine the
    // writes may straddle a second, and then two flushes share them: never one a write).
    await vi.waitFor(() => expect(file.bytesSynced).toBe(10 * 4096), { timeout: 10_000, interval: 20 });
    const afterBurst = file.syncs;
    expect(afterBurst).toBeGreaterThanOrEqual(1);
    expect(afterBurst).toBeLessThanOrEqual(1 + Math.floor((performance.now() - createdAt) / SYNC_INTERVAL_MS));
    // Two more fragments: they reach the disk with no write after them to bring the flush.
    file.write(chunks[10]!);
    file.write(chunks[11]!);
    await vi.waitFor(() => expect(file.bytesSynced).toBe(12 * 4096), { timeout: 10_000, interval: 20 });
    expect(file.syncs).toBeGreaterThan(afterBurst);
    // A slow machine only makes them later: never two within a second.
    expect(syncStarts.length).toBe(file.syncs);
    const gaps = syncStarts.map((at, i) => at - (i === 0 ? createdAt : syncStarts[i - 1]!));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(SYNC_INTERVAL_MS - 5);

    // The last fragment, then the clean close at once: it reaches the disk itself before the file closes.
    file.write(chunks[12]!);
    const end = await file.finish();
    expect(end).toEqual({ clean: true, error: null, bytes: 13 * 4096 });
    expect(calls.slice(-3)).toEqual(['write', 'sync', 'close']);
    expect(file.bytesSynced).toBe(13 * 4096);
    expect(syncStarts.length).toBe(file.syncs);
    expect(readFileSync(file.partPath).equals(Buffer.concat(chunks))).toBe(true);
  });

  it('writes a fragment given as its parts with one write, in order, and the rest of a write the disk took in part', async () => {
    const calls: string[] = [];
    const fragment = [Buffer.alloc(300, 1), Buffer.alloc(5000, 2), Buffer.alloc(700, 3)];
    const other = [Buffer.alloc(50, 4), Buffer.alloc(2000, 5)];
    let first = true;
    // The disk takes 3000 bytes of the first write (the last before a full disk may), then all.
    const io = watchedIo(calls, {
      writev: (fd, buffers, position, callback) => {
        calls.push('write');
        const joined = Buffer.concat(buffers);
        const take = first ? 3000 : joined.length;
        first = false;
        write(fd, joined, 0, take, position, callback);
      },
    });
    const file = new SegmentFile(nextPath(), () => {}, io);
    expect(file.write(fragment)).toBe(true);
    expect(file.write(other)).toBe(true);
    const end = await file.finish();
    expect(end).toMatchObject({ clean: true, bytes: 8050 });
    expect(calls.filter((call) => call === 'write')).toHaveLength(3); // one a fragment, and one for the rest of the first
    expect(readFileSync(file.partPath).equals(Buffer.concat([...fragment, ...other]))).toBe(true);
  });

  it('asks one write for a whole fragment of parts', async () => {
    const calls: string[] = [];
    const file = new SegmentFile(nextPath(), () => {}, watchedIo(calls));
    const fragment = Array.from({ length: 25 }, (_, i) => Buffer.alloc(1000 + i, i));
    file.write(fragment);
    await file.finish();
    expect(calls.filter((call) => call === 'write')).toHaveLength(1);
    expect(readFileSync(file.partPath).equals(Buffer.concat(fragment))).toBe(true);
  });

  it('ends the segment when the disk takes nothing and says no error, instead of asking again for ever', async () => {
    const { seen, onFailure } = failures();
    let writes = 0;
    const file = new SegmentFile(nextPath(), onFailure, watchedIo([], { writev: (_fd, _buffers, _position, callback) => (writes++, setImmediate(() => callback(null, 0))) }));
    file.write(Buffer.alloc(1000, 1));
    const end = await file.ended;
    expect(end).toMatchObject({ clean: false, bytes: 0, error: { code: 'EZEROWRITE' } });
    expect(seen.map((error) => error.code)).toEqual(['EZEROWRITE']);
    expect(writes).toBe(1);
    expect(file.write(Buffer.alloc(10))).toBe(false);
  });

  it('ends the segment as a full disk when a flush finds no room (delayed allocation)', async () => {
    const { seen, onFailure } = failures();
    const full = Object.assign(new Error('ENOSPC: no space left on device, fdatasync'), { code: 'ENOSPC' });
    const file = new SegmentFile(nextPath(), onFailure, watchedIo([], { fdatasync: (_fd, callback) => setImmediate(() => callback(full)) }));
    file.write(Buffer.alloc(1000, 1)); // flushed a second later, by itself
    const end = await file.ended;
    expect(end).toMatchObject({ clean: false, error: { code: 'ENOSPC' } });
    expect(seen.map((error) => error.code)).toEqual(['ENOSPC']);
  });

  it('ends the segment as stalled when a flush does not return while the camera’s frames pile up, and closes once it does', async () => {
    const { seen, onFailure } = failures();
    let release: (() => void) | null = null;
    const file = new SegmentFile(nextPath(), onFailure, watchedIo([], { fdatasync: (fd, callback) => (release = () => fdatasync(fd, callback)) }));
    file.write(Buffer.alloc(1000, 1)); // written, then a second later the flush that hangs
    await vi.waitFor(() => expect(release).not.toBeNull(), { timeout: 10_000, interval: 20 });
    const fragment = Buffer.alloc(1024 * 1024, 3);
    let taken = 0;
    while (file.write(fragment)) taken++;
    expect(taken).toBe(16); // 16 MB held for a disk that does not answer, no more
    expect(seen.map((error) => error.code)).toEqual(['ESTALLED']);
    release!();
    expect(await file.ended).toMatchObject({ clean: false, error: { code: 'ESTALLED' }, bytes: 1000 });
  });
});
