import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { childRegistry } from '../engine/producer/childRegistry.js';
import { remux } from './caseExport.js';

const folder = mkdtempSync(join(tmpdir(), 'vw-case-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

it('stops its ffmpeg when the recording cannot be read half way through an export', async () => {
  const before = childRegistry.size;
  async function* unreadable(): AsyncGenerator<Buffer> {
    yield Buffer.alloc(4096);
    await new Promise((resolve) => setTimeout(resolve, 200)); // ffmpeg is up and waiting on stdin
    throw new Error('EIO: segment unreadable');
  }
  const exported = remux(process.env.FFMPEG_PATH ?? 'ffmpeg', unreadable(), join(folder, 'cam.mp4'), Date.now());
  await expect(Promise.race([exported, new Promise((_, reject) => setTimeout(() => reject(new Error('export still waiting on ffmpeg')), 10_000))])).rejects.toThrow('EIO');
  expect(childRegistry.size).toBe(before);
}, 20_000);
