/**
 * Starting one ffmpeg for a camera or a demo picture: guarded to die with the console, registered
 * for the exit hook, and handed its concat script (the camera's URL) on stdin.
 */
import { spawn, type ChildProcess, type ChildProcessByStdio, type StdioOptions } from 'node:child_process';
import type { Readable } from 'node:stream';
import { childRegistry } from './childRegistry.js';
import { ORIGINAL_FD, type FfmpegCommand } from './ffmpegArgs.js';
import { guardedCommand } from './spawnGuard.js';

/** The child's fd ORIGINAL_FD when the command writes the camera's video there, else null. */
export function originalOutput(child: ChildProcess): Readable | null {
  return (child.stdio[ORIGINAL_FD] as Readable | null | undefined) ?? null;
}

export function spawnFfmpeg(ffmpegPath: string, { args, stdin, original }: FfmpegCommand): ChildProcessByStdio<null, Readable, Readable> {
  const { command, args: guarded } = guardedCommand(ffmpegPath, args);
  const stdio: StdioOptions = [stdin === null ? 'ignore' : 'pipe', 'pipe', 'pipe', ...(original ? ['pipe' as const] : [])];
  const child = spawn(command, guarded, { stdio, windowsHide: true });
  childRegistry.add(child);
  if (stdin !== null && child.stdin) {
    // An ffmpeg that dies before reading its script (missing, killed) closes the pipe: not our error.
    child.stdin.on('error', () => {});
    child.stdin.end(stdin);
  }
  return child as unknown as ChildProcessByStdio<null, Readable, Readable>;
}
