/**
 * Records a clip from a running session: the pre-roll (seconds before the click) and then the live
 * stream, remuxed by ffmpeg with `-c copy` into MP4 — no re-encode. It stops on request, at the
 * maximum length, or when the camera drops (then the clip is kept and marked partial).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { childRegistry } from '../engine/producer/childRegistry.js';
import type { Container } from '../engine/container/mediaUnit.js';
import type { Viewer } from '../engine/session/session.js';
import { guardedCommand } from '../engine/producer/spawnGuard.js';
import { EvidenceError, ffmpegExitError, ffmpegSpawnError } from './evidenceErrors.js';

export interface ClipResult {
  path: string;
  partial: boolean;
  partialReason: string | null;
  endedAt: number;
}

const MAX_PENDING_BYTES = 32 * 1024 * 1024;

export class ClipRecorder implements Viewer {
  private readonly child: ChildProcess;
  private stderr = '';
  private partialReason: string | null = null;
  private finished: Promise<ClipResult>;
  private stopping = false;
  private sentBytes = 0;
  private readonly maxTimer: NodeJS.Timeout;

  constructor(
    ffmpegPath: string,
    readonly path: string,
    container: Container,
    startedAt: Date,
    maxSeconds: number,
  ) {
    const args = [
      '-hide_banner', '-loglevel', 'error', '-f', container, '-i', 'pipe:0',
      '-map', '0:v:0', '-c', 'copy', '-movflags', '+faststart',
      '-metadata', `creation_time=${startedAt.toISOString()}`, '-y', path,
    ];
    const { command, args: guarded } = guardedCommand(ffmpegPath, args);
    this.child = spawn(command, guarded, { stdio: ['pipe', 'ignore', 'pipe'], windowsHide: true });
    childRegistry.add(this.child);
    this.child.stdin!.on('error', () => {}); // EPIPE when ffmpeg fails: reported through its exit
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-4000)));
    this.finished = new Promise((resolve, reject) => {
      this.child.once('exit', (code) => {
        childRegistry.delete(this.child);
        clearTimeout(this.maxTimer);
        if (code === 0) resolve({ path, partial: this.partialReason !== null, partialReason: this.partialReason, endedAt: Date.now() });
        // ffmpeg fails on an empty input: the clerk must hear that the camera sent nothing, not that ffmpeg broke.
        else if (this.sentBytes === 0 && this.partialReason !== null) reject(new EvidenceError('camera_not_live', `no video before ${this.partialReason}`));
        else reject(ffmpegExitError(this.stderr, code));
      });
      this.child.once('error', (error) => reject(ffmpegSpawnError(error)));
    });
    this.maxTimer = setTimeout(() => void this.stop(), maxSeconds * 1000);
  }

  /** Settles when the file is finished, however the clip ended. */
  get done(): Promise<ClipResult> {
    return this.finished;
  }

  get backlog(): number {
    return this.child.stdin?.writableLength ?? 0;
  }

  send(chunk: Buffer): void {
    if (this.stopping || !this.child.stdin?.writable) return;
    // ffmpeg cannot keep up (a disk stalling): stop rather than hold the session's memory.
    if (this.backlog > MAX_PENDING_BYTES) return void this.stop('the disk could not keep up');
    this.child.stdin.write(chunk);
    this.sentBytes += chunk.length;
  }

  /** The session ended under the clip (camera removed, output changed). */
  end(): void {
    void this.stop('the camera stopped sending video');
  }

  /** Marks the clip partial (camera dropped) and finishes it. */
  interrupt(reason: string): Promise<ClipResult> {
    return this.stop(reason);
  }

  /** Finishes the file: everything received so far is kept. */
  stop(partialReason?: string): Promise<ClipResult> {
    if (!this.stopping) {
      this.stopping = true;
      if (partialReason) this.partialReason = partialReason;
      this.child.stdin?.end();
    }
    return this.finished;
  }
}
