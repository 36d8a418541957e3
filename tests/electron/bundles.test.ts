/**
 * What the page and the preload carry. The validator belongs to main: in the page it is dead
 * weight (about 190 KB), and in a sandboxed preload it cannot even load.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtFile } from '../fixtures/builtOutput.js';

/** Names that zod's runtime carries even when minified. */
const ZOD_MARKERS = /\$ZodType|ZodError|__zod_global/;

describe('the built bundles', () => {
  it('the page bundle carries no zod', () => {
    const assets = join(dirname(builtFile('renderer/index.html')), 'assets');
    const scripts = readdirSync(assets).filter((name) => name.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const name of scripts) expect(ZOD_MARKERS.exec(readFileSync(join(assets, name), 'utf8'))?.[0] ?? null).toBeNull();
  });

  it('the preload requires only electron and carries no zod', () => {
    const source = readFileSync(builtFile('preload/index.cjs'), 'utf8');
    expect([...source.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1])).toEqual(['electron']);
    expect(ZOD_MARKERS.exec(source)).toBeNull();
  });
});
