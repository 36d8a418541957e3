/**
 * A rolling set of the last N good versions of the settings, `backups/village-wall.<time>.json`.
 * Every good write is copied here, so the newest backup is always the newest good state. A copy
 * written less than `spacingMs` after the one before it is replaced by the next, so ten backups
 * reach back over at least nine such intervals instead of the last ten clicks.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomicFile.js';
import { ensurePrivateDir } from './diskProblem.js';

export interface BackupOptions {
  dir: string;
  /** File name stem: `village-wall` gives `village-wall.20261129T013735123Z.json`. */
  stem: string;
  keep?: number;
  spacingMs?: number;
  now?: () => number;
}

export interface Backup {
  path: string;
  /** When it was written, ms since epoch (from its name, which survives copying). */
  at: number;
}

export const DEFAULT_KEEP = 10;
export const DEFAULT_SPACING_MS = 60_000;

/** `20261129T013735123Z`: sorts as text in time order, and is a valid file name everywhere. */
export function stampOf(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:.]/g, '');
}

function timeOfStamp(stamp: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/.exec(stamp);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, +m[7]!) : NaN;
}

export class BackupRing {
  private readonly keep: number;
  private readonly spacingMs: number;
  private readonly now: () => number;
  private readonly pattern: RegExp;

  constructor(private readonly options: BackupOptions) {
    this.keep = options.keep ?? DEFAULT_KEEP;
    this.spacingMs = options.spacingMs ?? DEFAULT_SPACING_MS;
    this.now = options.now ?? Date.now;
    this.pattern = new RegExp(`^${options.stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(\\d{8}T\\d{9}Z)\\.json$`);
  }

  get dir(): string {
    return this.options.dir;
  }

  get stem(): string {
    return this.options.stem;
  }

  /** Newest first. */
  list(): Backup[] {
    if (!existsSync(this.options.dir)) return [];
    return readdirSync(this.options.dir)
      .map((name) => ({ name, at: timeOfStamp(this.pattern.exec(name)?.[1] ?? '') }))
      .filter((entry) => !Number.isNaN(entry.at))
      .sort((a, b) => b.at - a.at || b.name.localeCompare(a.name))
      .map((entry) => ({ path: join(this.options.dir, entry.name), at: entry.at }));
  }

  /** Keeps `text` as the newest backup (nothing is written when it equals the newest). */
  save(text: string): void {
    const [newest, previous] = this.list();
    if (newest && readFileSync(newest.path, 'utf8') === text) return;
    ensurePrivateDir(this.options.dir);
    const at = Math.max(this.now(), (newest?.at ?? 0) + 1);
    const path = join(this.options.dir, `${this.options.stem}.${stampOf(at)}.json`);
    writeFileAtomic(path, text);
    // The newest copy was only a stand-in for "latest" when it came soon after the one before it.
    if (newest && previous && newest.at - previous.at < this.spacingMs) rmSync(newest.path, { force: true });
    for (const old of this.list().slice(this.keep)) rmSync(old.path, { force: true });
  }

  /** The newest backup that `accept` takes (it returns null for one it cannot use). */
  newestUsable<T>(accept: (text: string) => T | null): (Backup & { value: T }) | null {
    for (const backup of this.list()) {
      let text: string;
      try {
        text = readFileSync(backup.path, 'utf8');
      } catch {
        continue;
      }
      const value = accept(text);
      if (value !== null) return { ...backup, value };
    }
    return null;
  }
}
