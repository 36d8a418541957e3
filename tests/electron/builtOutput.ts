/**
 * The Electron tests load what `npm run build` wrote to out/, as the desktop app would. A build
 * older than the sources it came from would test yesterday's app, so it is refused by name.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
const SOURCES = ['main', 'preload', 'renderer'];

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|tsx|css|json|html)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** The path of a built file, after checking it exists and is newer than every source file. */
export function builtFile(relative: string): string {
  const path = join(ROOT, 'out', relative);
  if (!existsSync(path)) throw new Error(`${relative} is not built: run \`npm run build\` (npm test does)`);
  const source = Math.max(...SOURCES.map((dir) => newestSource(join(ROOT, dir))));
  if (statSync(path).mtimeMs < source) throw new Error(`out/${relative} is older than the sources: run \`npm run build\` (npm test does)`);
  return path;
}
