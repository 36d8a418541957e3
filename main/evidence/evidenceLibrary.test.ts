/** Real files in a temporary folder: names that collide get a number, copies out are checked by hash. */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EvidencePaths } from './evidencePaths.js';
import { clipSeconds, copyOutOne, listManifests, manifestOf } from './evidenceLibrary.js';
import { byteRange } from './evidenceFileRoute.js';
import type { EvidenceManifest } from './manifest.js';

const hash = (bytes: string | Buffer) => createHash('sha256').update(bytes).digest('hex');

function saved(folder: string, file: string, bytes: string): EvidenceManifest {
  writeFileSync(join(folder, file), bytes);
  const manifest = {
    version: 1, kind: 'snapshot', file, sha256: hash(bytes), bytes: bytes.length, cameraId: 'crossing', cameraName: '东村路口', siteName: null,
    startedAt: '2026-12-02T21:40:48.000Z', clickedAt: '2026-12-02T21:40:48.000Z', endedAt: '2026-12-02T21:40:48.000Z',
    operator: { console: 'c', role: 'admin' }, reason: null, partial: false, partialReason: null,
  } satisfies EvidenceManifest;
  writeFileSync(join(folder, file.replace(/\.\w+$/, '.json')), JSON.stringify(manifest));
  return manifest;
}

describe('EvidencePaths', () => {
  it('numbers a second file of the same camera in the same second, on disk or still being written', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'vw-paths-'));
    const paths = new EvidencePaths();
    const at = Date.parse('2026-12-02T21:40:48.181Z');
    const first = await paths.reserve(folder, '东村路口', at, 'jpg');
    const second = await paths.reserve(folder, '东村路口', at, 'mp4'); // first's manifest would share its stem
    expect([first.path, second.path].map((p) => p.slice(folder.length + 1).replace(/\d{8}-\d{6}[+-]\d{4}/, 'T'))).toEqual(['东村路口_T.jpg', '东村路口_T_2.mp4']);
    writeFileSync(first.path, 'x');
    first.release();
    second.release();
    const third = await paths.reserve(folder, '东村路口', at, 'jpg');
    expect(third.path.endsWith('_2.jpg')).toBe(true);
  });

  it('makes a camera name with forbidden characters safe', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'vw-paths-'));
    const { path } = await new EvidencePaths().reserve(folder, '村口/北:门', Date.now(), 'jpg');
    expect(path.slice(folder.length + 1)).toMatch(/^村口_北_门_\d{8}-\d{6}[+-]\d{4}\.jpg$/);
  });
});

describe('copyOutOne', () => {
  it('copies the file and its manifest, and the copy hashes as recorded', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'vw-lib-'));
    const usb = join(mkdtempSync(join(tmpdir(), 'vw-usb-')), '证据');
    const manifest = saved(folder, '东村路口_20261203-054048+0800.jpg', 'picture');
    expect(await copyOutOne(folder, manifest, usb)).toEqual({ file: manifest.file, sha256: hash('picture'), bytes: 7 });
    expect(readFileSync(join(usb, manifest.file), 'utf8')).toBe('picture');
    expect(existsSync(join(usb, '东村路口_20261203-054048+0800.json'))).toBe(true);
    // Again: the same bytes are already there, nothing changes.
    await copyOutOne(folder, manifest, usb);
    expect(readdirSync(usb).sort()).toEqual(['东村路口_20261203-054048+0800.jpg', '东村路口_20261203-054048+0800.json']);
  });

  it('refuses a copy that does not hash as recorded, and leaves nothing behind', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'vw-lib-'));
    const usb = mkdtempSync(join(tmpdir(), 'vw-usb-'));
    const manifest = saved(folder, 'a.jpg', 'picture');
    writeFileSync(join(folder, 'a.jpg'), 'changed');
    await expect(copyOutOne(folder, manifest, usb)).rejects.toMatchObject({ problem: 'copy_mismatch' });
    expect(readdirSync(usb)).toEqual([]);
  });

  it('never overwrites a different file of the same name', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'vw-lib-'));
    const usb = mkdtempSync(join(tmpdir(), 'vw-usb-'));
    const manifest = saved(folder, 'a.jpg', 'picture');
    writeFileSync(join(usb, 'a.jpg'), 'someone else');
    await expect(copyOutOne(folder, manifest, usb)).rejects.toMatchObject({ problem: 'copy_exists' });
    expect(readFileSync(join(usb, 'a.jpg'), 'utf8')).toBe('someone else');
  });
});

describe('reading the folder', () => {
  it("finds a file's manifest only when it names that file", async () => {
    const folder = mkdtempSync(join(tmpdir(), 'vw-lib-'));
    saved(folder, 'a.jpg', 'picture');
    expect((await manifestOf(folder, 'a.jpg'))?.cameraId).toBe('crossing');
    expect(await manifestOf(folder, 'a.mp4')).toBeNull();
  });

  it('reads files saved before, named by camera id and UTC time, the same way', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'vw-lib-'));
    saved(folder, 'demo-xi-2-2026-12-02T21-40-48-181Z.jpg', 'old picture');
    saved(folder, '东村路口_20261203-054048+0800.jpg', 'new picture');
    expect((await listManifests(folder)).map((m) => m.file).sort()).toEqual(['demo-xi-2-2026-12-02T21-40-48-181Z.jpg', '东村路口_20261203-054048+0800.jpg']);
    expect((await manifestOf(folder, 'demo-xi-2-2026-12-02T21-40-48-181Z.jpg'))?.sha256).toBe(hash('old picture'));
  });

  it("gives a clip's length and none for a snapshot", () => {
    expect(clipSeconds({ kind: 'clip', startedAt: '2026-12-02T21:40:48.000Z', endedAt: '2026-12-02T21:41:55.400Z' })).toBe(67);
    expect(clipSeconds({ kind: 'snapshot', startedAt: '2026-12-02T21:40:48.000Z', endedAt: '2026-12-02T21:40:48.000Z' })).toBeNull();
  });

  it('serves byte ranges a player asks for', () => {
    expect(byteRange('bytes=0-', 100)).toEqual({ start: 0, end: 99 });
    expect(byteRange('bytes=10-19', 100)).toEqual({ start: 10, end: 19 });
    expect(byteRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(byteRange('bytes=200-', 100)).toBe('unsatisfiable');
    expect(byteRange(undefined, 100)).toBeNull();
    expect(byteRange('bytes=1-2,5-6', 100)).toBeNull();
  });
});
