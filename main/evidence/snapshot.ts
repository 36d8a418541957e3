/**
 * A still picture of a camera: its cached GOP (keyframe and every frame since) decoded by ffmpeg,
 * keeping the last frame — the picture as it is now, at the stream's full resolution.
 */
import { spawn } from 'node:child_process';
import { childRegistry } from '../engine/producer/childRegistry.js';
import type { Container } from '../engine/container/mediaUnit.js';
import { guardedCommand } from '../engine/producer/spawnGuard.js';
import { ffmpegExitError, ffmpegSpawnError } from './evidenceErrors.js';

export function writeSnapshot(ffmpegPath: string, units: Buffer[], container: Container, path: string, timeoutMs = 15_000): Promise<void> {
  const args = ['-hide_banner', '-loglevel', 'error', '-f', container, '-i', 'pipe:0', '-map', '0:v:0', '-update', '1', '-q:v', '2', '-y', path];
  const { command, args: guarded } = guardedCommand(ffmpegPath, args);
  const child = spawn(command, guarded, { stdio: ['pipe', 'ignore', 'pipe'], windowsHide: true });
  childRegistry.add(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  child.stdin!.on('error', () => {});
  for (const unit of units) child.stdin!.write(unit);
  child.stdin!.end();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      childRegistry.delete(child);
      if (code === 0) resolve();
      else reject(ffmpegExitError(stderr, code));
    });
    child.once('error', (error) => reject(ffmpegSpawnError(error)));
  });
}
