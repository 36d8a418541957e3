/**
 * Opens the settings file with `conf`, the library under electron-store: same file format, so a
 * headless console and the desktop app can share a data folder.
 */
import Conf from 'conf';
import { join } from 'node:path';
import type { DocumentStore } from './repository.js';

export const SETTINGS_FILE = 'village-wall.json';

export function settingsPath(dataDir: string): string {
  return join(dataDir, SETTINGS_FILE);
}

export function openConfStore(dataDir: string): DocumentStore {
  return new Conf<Record<string, unknown>>({
    cwd: dataDir,
    configName: SETTINGS_FILE.replace(/\.json$/, ''),
    projectName: 'village-wall',
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
    configFileMode: 0o600,
  });
}
