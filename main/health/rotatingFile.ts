/**
 * A log file that never grows without bound: past `maxBytes` it becomes `<name>.1`, the older
 * ones shift up, and the oldest past `keep` is deleted. Its folder is made (owner-only) at each
 * write, so a folder removed or not yet makeable at start is no reason to stop logging later.
 */
import { appendFileSync, existsSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensurePrivateDir } from '../store/diskProblem.js';

export class RotatingFile {
  constructor(
    readonly path: string,
    private readonly maxBytes = 1024 * 1024,
    private readonly keep = 5,
  ) {}

  /** Throws what the disk says (full, not allowed, no folder): the caller decides how to say it. */
  append(line: string): void {
    ensurePrivateDir(dirname(this.path));
    if (existsSync(this.path) && statSync(this.path).size + line.length + 1 > this.maxBytes) this.rotate();
    appendFileSync(this.path, line + '\n', { mode: 0o600 });
  }

  /** The last `count` lines, oldest first, across the current and rotated files. */
  tail(count: number): string[] {
    const lines: string[] = [];
    for (let i = 0; i <= this.keep && lines.length < count; i++) {
      const file = i === 0 ? this.path : `${this.path}.${i}`;
      if (!existsSync(file)) break;
      const own = readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
      lines.unshift(...own.slice(-(count - lines.length)));
    }
    return lines;
  }

  private rotate(): void {
    rmSync(`${this.path}.${this.keep}`, { force: true });
    for (let i = this.keep - 1; i >= 1; i--) {
      if (existsSync(`${this.path}.${i}`)) renameSync(`${this.path}.${i}`, `${this.path}.${i + 1}`);
    }
    renameSync(this.path, `${this.path}.1`);
  }
}
