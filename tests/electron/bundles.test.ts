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

/** Each on-demand screen's dialog, by the test id only its own module spells. */
const ON_DEMAND_SCREENS = ['settings-dialog', 'audit-dialog', 'evidence-dialog'];

describe('the built bundles', () => {
  it('the page bundle carries no zod', () => {
    const assets = join(dirname(builtFile('renderer/index.html')), 'assets');
    const scripts = readdirSync(assets).filter((name) => name.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const name of scripts) expect(ZOD_MARKERS.exec(readFileSync(join(assets, name), 'utf8'))?.[0] ?? null).toBeNull();
  });

  it("the wall's first paint loads none of the screens opened on demand (settings with import, records, evidence)", () => {
    const html = readFileSync(builtFile('renderer/index.html'), 'utf8');
    const assets = join(dirname(builtFile('renderer/index.html')), 'assets');
    // What the page loads before anything is clicked: its entry script and the chunks it preloads.
    const firstPaint = [...html.matchAll(/(?:src|href)="\.\/assets\/([^"]+\.js)"/g)].map((m) => m[1]!);
    expect(firstPaint.length).toBeGreaterThan(0);
    const later = readdirSync(assets).filter((name) => name.endsWith('.js') && !firstPaint.includes(name));
    for (const screen of ON_DEMAND_SCREENS) {
      // Quoted as the minifier may quote it: "…", '…' or `…`.
      const marker = new RegExp(`["'\`]${screen}["'\`]`);
      expect(firstPaint.filter((name) => marker.test(readFileSync(join(assets, name), 'utf8'))), screen).toEqual([]);
      expect(later.filter((name) => marker.test(readFileSync(join(assets, name), 'utf8'))), screen).toHaveLength(1);
    }
  });

  it('the preload requires only electron and carries no zod', () => {
    const source = readFileSync(builtFile('preload/index.cjs'), 'utf8');
    expect([...source.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1])).toEqual(['electron']);
    expect(ZOD_MARKERS.exec(source)).toBeNull();
  });
});
