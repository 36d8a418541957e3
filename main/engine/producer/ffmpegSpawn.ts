/**
 * Starting one ffmpeg for a camera or a demo picture: guarded to die with the console, registered
 * for the exit hook, and handed its concat script (the camera's URL) on stdin.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { childRegistry } from './childRegistry.js';
import type { FfmpegCommand } from './ffmpegArgs.js';
import { guardedCommand } from './spawnGuard.js';

export function spawnFfmpeg(ffmpegPath: string, { args, stdin }: FfmpegCommand): ChildProcessByStdio<null, Readable, Readable> {
  const { command, args: guarded } = guardedCommand(ffmpegPath, args);
  const child = spawn(command, guarded, { stdio: [stdin === null ? 'ignore' : 'pipe', 'pipe', 'pipe'], windowsHide: true });
  childRegistry.add(child);
  if (stdin !== null && child.stdin) {
    // An ffmpeg that dies before reading its script (missing, killed) closes the pipe: not our error.
    child.stdin.on('error', () => {});
    child.stdin.end(stdin);
  }
  return child as unknown as ChildProcessByStdio<null, Readable, Readable>;
}
