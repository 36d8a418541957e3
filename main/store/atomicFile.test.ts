/**
 * The durable write on a real folder, with its file calls watched (and, for a disk that fails,
 * answered) by a wrapper: the new text is flushed before it is renamed into place and the folder
 * is flushed after (what a power cut keeps), and a failed flush leaves the old file and no litter.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { leftTemporaryPid, writeFileAtomic, writeFileDurable } from './atomicFile.js';
import { watchedIo } from './watchedFileIo.js';

const root = mkdtempSync(join(tmpdir(), 'vw-atomic-file-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;
const newFolder = () => mkdtempSync(join(root, `f${folders++}-`));

describe('writeFileDurable', () => {
  it('flushes the new text before renaming it into place, then flushes the folder that holds the new name', async () => {
    const folder = newFolder();
    const target = join(folder, 'cam_main_20261203T080000Z.json');
    writeFileSync(target, '{"old":true}');
    const calls: string[] = [];
    await writeFileDurable(target, '{"new":true}', { mode: 0o644, io: watchedIo(calls, folder) });
    expect(calls).toEqual(['open temporary', 'write temporary', 'sync temporary', 'close temporary', 'rename temporary target', 'open folder', 'sync folder', 'close folder']);
    expect(readFileSync(target, 'utf8')).toBe('{"new":true}');
    expect(readdirSync(folder)).toEqual(['cam_main_20261203T080000Z.json']);
    expect(statSync(target).mode & 0o777).toBe(0o644);
  });

  it('keeps the old file, and leaves no temporary one, when the disk fails the flush', async () => {
    const folder = newFolder();
    const target = join(folder, 'state.json');
    writeFileSync(target, 'old');
    const calls: string[] = [];
    await expect(writeFileDurable(target, 'new', { io: watchedIo(calls, folder, { failSync: true }) })).rejects.toThrow('EIO');
    expect(calls).toEqual(['open temporary', 'write temporary', 'sync temporary', 'close temporary', 'remove temporary']);
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(folder)).toEqual(['state.json']);
  });

  it('writes on real calls alone, into a folder where the file is new', async () => {
    const folder = newFolder();
    const target = join(folder, 'new.json');
    await writeFileDurable(target, 'text');
    expect(readFileSync(target, 'utf8')).toBe('text');
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(readdirSync(folder)).toEqual(['new.json']);
  });
});

describe('writeFileAtomic', () => {
  it('flushes the folder once the new name is in it, so a power cut cannot bring the old file back', () => {
    const folder = newFolder();
    const target = join(folder, 'settings.json');
    writeFileSync(target, 'old');
    const flushed: { dir: string; text: string; names: string[] }[] = [];
    writeFileAtomic(target, 'new', { syncFolder: (dir) => flushed.push({ dir, text: readFileSync(target, 'utf8'), names: readdirSync(folder) }) });
    // Flushed after the rename: the folder already holds only the new file under its name.
    expect(flushed).toEqual([{ dir: folder, text: 'new', names: ['settings.json'] }]);
    expect(statSync(target).mode & 0o777).toBe(0o600);
  });

  it('writes on real calls alone, the folder flush included', () => {
    const folder = newFolder();
    const target = join(folder, 'retention.json');
    writeFileAtomic(target, '{"seq":3}', { mode: 0o640 });
    expect(readFileSync(target, 'utf8')).toBe('{"seq":3}');
    expect(statSync(target).mode & 0o777).toBe(0o640);
    expect(readdirSync(folder)).toEqual(['retention.json']);
  });
});

describe('leftTemporaryPid', () => {
  it('reads the writer pid from the temporaries the writes above make, and from nothing else', async () => {
    const folder = newFolder();
    const target = join(folder, 'cam_main_20261203T080000Z.json');
    const calls: string[] = [];
    // A flush that fails leaves no temporary, so catch the name as it is opened.
    const io = watchedIo(calls, folder, { failSync: true });
    let seen = '';
    await writeFileDurable(target, 'x', { io: { ...io, open: (path, flags, mode) => ((seen ||= path), io.open(path, flags, mode)) } }).catch(() => {});
    expect(leftTemporaryPid(seen.slice(folder.length + 1))).toBe(process.pid);
    for (const name of ['cam_main_20261203T080000Z.json', 'cam_main_20261203T080000Z.mp4.part', 'a.json.tmp-12-zz', 'a.json.tmp-x-0123abcd']) expect(leftTemporaryPid(name)).toBeNull();
  });
});
