import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readPipe, SlabReads } from './pipeReader.js';

/** A read's bytes, told apart by their read: read i is filled with (i % 251) + 1. */
const fill = (i: number) => (i % 251) + 1;

describe('SlabReads', () => {
  it('never gives a read room over bytes an earlier read handed out, across slabs', () => {
    const slabs = new SlabReads(4096, 1024);
    const chunks: { chunk: Buffer; value: number }[] = [];
    for (let i = 0; i < 200; i++) {
      const room = slabs.room();
      expect(room.length).toBeGreaterThanOrEqual(1024);
      const bytes = 100 + ((i * 37) % 900);
      room.fill(fill(i)); // a read may write its whole room, not only what it says it read
      chunks.push({ chunk: slabs.take(bytes), value: fill(i) });
    }
    for (const { chunk, value } of chunks) expect(chunk.every((byte) => byte === value)).toBe(true);
    expect(chunks.reduce((sum, { chunk }) => sum + chunk.length, 0)).toBe(chunks.reduce((sum, _, i) => sum + 100 + ((i * 37) % 900), 0));
  });
});

describe('readPipe', () => {
  it("hands on a child's output in order, and every chunk stays as it came while later reads arrive", async () => {
    // 60 writes of 20 000 bytes each, a few ms apart: many reads, over several slabs.
    const writes = 60;
    const size = 20_000;
    const script = `let i = 0; const next = () => { if (i === ${writes}) return; process.stdout.write(Buffer.alloc(${size}, (i % 251) + 1), () => setTimeout(next, 2)); i++; }; next();`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const received: { chunk: Buffer; copy: Buffer }[] = [];
    let total = 0;
    const all = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${total} bytes arrived`)), 20_000);
      readPipe(child.stdout, (chunk) => {
        received.push({ chunk, copy: Buffer.from(chunk) });
        total += chunk.length;
        if (total >= writes * size) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    await all;
    await new Promise((resolve) => child.once('exit', resolve));
    // What each chunk held when it arrived, it still holds after every later read.
    for (const { chunk, copy } of received) expect(chunk.equals(copy)).toBe(true);
    const joined = Buffer.concat(received.map(({ copy }) => copy));
    expect(joined.length).toBe(writes * size);
    for (let i = 0; i < writes; i++) expect(joined.subarray(i * size, (i + 1) * size).every((byte) => byte === fill(i))).toBe(true);
  });
});
