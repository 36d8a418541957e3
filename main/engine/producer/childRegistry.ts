/**
 * Every ffmpeg child alive in this process. On exit (normal, or a fatal error) they are killed
 * synchronously, so a closing console never leaves a camera connection behind.
 */
import type { ChildProcess } from 'node:child_process';

const children = new Set<ChildProcess>();
let hooked = false;

function killAll(): void {
  for (const child of children) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  children.clear();
}

export const childRegistry = {
  add(child: ChildProcess): void {
    if (!hooked) {
      process.once('exit', killAll);
      hooked = true;
    }
    children.add(child);
  },
  delete(child: ChildProcess): void {
    children.delete(child);
  },
  get size(): number {
    return children.size;
  },
};
