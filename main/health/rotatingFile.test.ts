import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RotatingFile } from './rotatingFile.js';

describe('RotatingFile', () => {
  it('rotates past its size, keeps a bounded number of files, and tails across them', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'vw-log-')), 'health.log');
    const file = new RotatingFile(path, 100, 2);
    for (let i = 0; i < 30; i++) file.append(`line ${String(i).padStart(2, '0')} ${'x'.repeat(20)}`);
    expect(existsSync(`${path}.1`)).toBe(true);
    expect(existsSync(`${path}.2`)).toBe(true);
    expect(existsSync(`${path}.3`)).toBe(false);
    const tail = file.tail(5);
    expect(tail).toHaveLength(5);
    expect(tail.at(-1)).toMatch(/^line 29/);
    expect(tail[0]).toMatch(/^line 25/);
  });
});
