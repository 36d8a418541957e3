/**
 * Imports flow one way. On the main side: app → (composition) → ipc → access / evidence / health /
 * unattended → engine → store → lib → domain → contract → preload's pure modules; a room imports
 * only rooms below it, never a room beside it. In the page: App → app → features → ui → state →
 * transport → lib / i18n → preload; a feature reaches another feature only through its index.
 * Neither side imports the other. Tests, test data and the Electron preload shell are left out.
 *
 * The checker is tested too: each rule is shown to catch a planted upward import.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

const MAIN_RANK: Record<string, number> = {
  preload: 0,
  'main/contract': 1,
  'main/domain': 2,
  'main/lib': 3,
  'main/store': 4,
  'main/engine': 5,
  'main/access': 6,
  'main/evidence': 6,
  'main/health': 6,
  'main/recording': 6,
  'main/unattended': 6,
  'main/playback': 6.5, // reads what recording wrote, under access's rules, into evidence
  'main/ipc': 7,
  main: 8, // services.ts, headless.ts and the other files that put the rooms together
  'main/app': 9,
};

const RENDERER_RANK: Record<string, number> = {
  preload: 0,
  'renderer/lib': 1,
  'renderer/i18n': 1,
  'renderer/transport': 2,
  'renderer/state': 3,
  'renderer/ui': 4,
  'renderer/features': 5,
  'renderer/app': 6,
  renderer: 7, // App.tsx, main.tsx
};

/** The room of a file: its top folder under main/ or renderer/ (a feature is its own room). */
export function roomOf(path: string): string {
  const parts = path.split('/');
  if (parts[0] === 'preload') return 'preload';
  if (parts.length === 2) return parts[0]!;
  if (parts[0] === 'renderer' && parts[1] === 'features') return `renderer/features/${parts[2]}`;
  return `${parts[0]}/${parts[1]}`;
}

const rankOf = (room: string): number | undefined => (room.startsWith('renderer/features/') ? RENDERER_RANK['renderer/features'] : (MAIN_RANK[room] ?? RENDERER_RANK[room]));
const sideOf = (room: string) => (room === 'preload' ? 'preload' : room.split('/')[0]!);

/** Every import that breaks the direction, as `from → to: why`. `files` maps repo paths to source text. */
export function violations(files: ReadonlyMap<string, string>): string[] {
  const found: string[] = [];
  const resolveImport = (from: string, spec: string): string | null => {
    const base = join(dirname(from), spec).replace(/\.js$/, '');
    for (const candidate of [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) if (files.has(candidate)) return candidate;
    return null;
  };
  for (const [from, source] of files) {
    for (const match of source.matchAll(/^\s*(?:import|export)\s[^'";]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/gm)) {
      const to = resolveImport(from, match[1]!);
      if (!to) continue;
      const [a, b] = [roomOf(from), roomOf(to)];
      if (a === b) continue;
      const [sa, sb] = [sideOf(a), sideOf(b)];
      if (sb !== 'preload' && sa !== sb) {
        found.push(`${from} → ${to}: ${sa} must not import ${sb}`);
        continue;
      }
      if (a.startsWith('renderer/features/') && b.startsWith('renderer/features/')) {
        if (!/\/index\.tsx?$/.test(to)) found.push(`${from} → ${to}: another feature only through its index`);
        continue;
      }
      const [ra, rb] = [rankOf(a), rankOf(b)];
      if (ra === undefined || rb === undefined) found.push(`${from} → ${to}: ${ra === undefined ? a : b} is not a known room`);
      else if (rb >= ra) found.push(`${from} → ${to}: ${a} must not import ${b} (${rb > ra ? 'upward' : 'sideways'})`);
    }
  }
  return found;
}

function sourceFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !/^(testData|testCalls|flvTestData)\.ts$/.test(entry.name)) {
        files.set(relative(ROOT, path), readFileSync(path, 'utf8'));
      }
    }
  };
  for (const dir of ['main', 'preload', 'renderer']) walk(join(ROOT, dir));
  files.delete('preload/index.ts'); // the Electron preload shell: it imports electron and the contract only
  return files;
}

describe('the direction of imports', () => {
  it('every import in main/, preload/ and renderer/ goes down or sideways within a room', () => {
    const files = sourceFiles();
    expect(files.size).toBeGreaterThan(200);
    expect(existsSync(resolve(ROOT, 'main/lib')) && statSync(resolve(ROOT, 'main/lib')).isDirectory()).toBe(true);
    expect(violations(files)).toEqual([]);
  });

  it('catches a planted upward, sideways, cross-side and feature-to-feature import', () => {
    const planted = new Map<string, string>([
      ['main/domain/cameras.ts', "import { x } from '../engine/session.js';"],
      ['main/engine/session.ts', "import { y } from '../store/repository.js';\nimport { z } from '../ipc/router.js';"],
      ['main/store/repository.ts', ''],
      ['main/ipc/router.ts', ''],
      ['main/access/setup.ts', "import type { E } from '../evidence/service.js';"],
      ['main/evidence/service.ts', ''],
      ['renderer/features/wall/Tile.tsx', "import { B } from '../budget/hooks';\nimport { I } from '../budget';"],
      ['renderer/features/budget/hooks.ts', ''],
      ['renderer/features/budget/index.ts', ''],
      ['renderer/state/hooks.ts', "import { T } from '../features/wall/Tile';\nimport { M } from '../../main/engine/session.js';"],
    ]);
    expect(violations(planted)).toEqual([
      'main/domain/cameras.ts → main/engine/session.ts: main/domain must not import main/engine (upward)',
      'main/engine/session.ts → main/ipc/router.ts: main/engine must not import main/ipc (upward)',
      'main/access/setup.ts → main/evidence/service.ts: main/access must not import main/evidence (sideways)',
      'renderer/features/wall/Tile.tsx → renderer/features/budget/hooks.ts: another feature only through its index',
      'renderer/state/hooks.ts → renderer/features/wall/Tile.tsx: renderer/state must not import renderer/features/wall (upward)',
      'renderer/state/hooks.ts → main/engine/session.ts: renderer must not import main',
    ]);
  });
});
