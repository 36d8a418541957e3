/**
 * For tests of durable writes: the real file calls, each noted as `<call> <temporary|target|folder>`
 * in order, and a flush the disk fails when asked.
 */
import { open, rename, rm } from 'node:fs/promises';
import type { DurableFileIo } from './atomicFile.js';

export function watchedIo(calls: string[], folder: string, { failSync = false } = {}): DurableFileIo {
  const name = (path: string) => (path === folder ? 'folder' : path.includes('.tmp-') ? 'temporary' : 'target');
  return {
    open: async (path, flags, mode) => {
      calls.push(`open ${name(path)}`);
      const handle = await open(path, flags, mode);
      return {
        writeFile: async (data, options) => {
          calls.push(`write ${name(path)}`);
          await handle.writeFile(data, options);
        },
        sync: async () => {
          calls.push(`sync ${name(path)}`);
          if (failSync) throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
          await handle.sync();
        },
        close: async () => {
          calls.push(`close ${name(path)}`);
          await handle.close();
        },
      };
    },
    rename: async (from, to) => {
      calls.push(`rename ${name(from)} ${name(to)}`);
      await rename(from, to);
    },
    remove: async (path) => {
      calls.push(`remove ${name(path)}`);
      await rm(path, { force: true });
    },
  };
}
