/**
 * One segment on disk: an ffmpeg that remuxes the session's FLV (`-c copy`, never a transcode)
 * into fragmented MP4. A fragment starts at each keyframe and lasts at most a second, and every
 * packet is flushed, so a kill loses at most the fragment being written.
 *
 * The ffmpeg is started ahead of its segment, as a spare waiting on its stdin with a file of its own
 * (fd 3, in the recording folder's root): on a loaded machine, loading ffmpeg takes seconds, and
 * frames sent to one still loading sit in a pipe where a kill loses them all (the 100-kill soak lost
 * whole segments so at load 40). `begin` renames the spare's file to the segment's `.part`; ffmpeg
 * writes on through its descriptor.
 * Closed cleanly, the `.part` becomes `.mp4` with its sidecar; ended any other way, it is repaired.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { childRegistry } from '../engine/producer/childRegistry.js';
import { guardedCommand } from '../engine/producer/spawnGuard.js';
import type { WriterInput } from './recorderInput.js';
import { PART_SUFFIX, SPARE_SUFFIX } from './segmentName.js';

/** ffmpeg fell this far behind (a disk stalling): the segment is ended rather than hold memory. */
const MAX_PENDING_BYTES = 16 * 1024 * 1024;

let sparesMade = 0;

/** ffmpeg's arguments to remux FLV (H.264) or MPEG-TS (H.265) on stdin into fragmented MP4 at `output` (a path, or `pipe:3`). */
export function segmentArgs(output: string, input: WriterInput = { format: 'flv', hevc: false }): string[] {
  return [
    // The FLV's sequence header says all there is to know: without probing, ffmpeg writes from the first
    // keyframe on, where its default 5 s of analysis would hold the first fragments back from the disk.
    '-hide_banner', '-loglevel', 'error', '-probesize', '32', '-analyzeduration', '0', '-f', input.format, '-i', 'pipe:0',
    '-map', '0:v:0', '-c', 'copy',
    // hvc1: parameter sets in the sample entry, the tag browsers and players ask for (hev1 is refused by Apple's and some others).
    ...(input.hevc ? ['-tag:v', 'hvc1'] : []),
    // empty_moov: the header is whole before the first frame; frag_keyframe + frag_duration 1 s: no fragment is longer than a GOP or a second.
    '-f', 'mp4', '-movflags', '+frag_keyframe+empty_moov+default_base_moof', '-frag_duration', '1000000',
    // Each fragment reaches the file as it is made, not when ffmpeg's 32 KB buffer fills.
    '-flush_packets', '1', '-y', output,
  ];
}

export interface WriterExit {
  /** ffmpeg exited 0 after its input ended: the file is whole. */
  clean: boolean;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** ffmpeg's last words, for the log and the problem shown. */
  stderr: string;
}

export class SegmentWriter {
  /** The file ffmpeg writes: the spare's own until `begin`, then the segment's `.part`. */
  partPath: string;
  /** The segment's final path, once it has one. */
  path: string | null = null;
  private readonly child: ChildProcess;
  private stderr = '';
  private ending = false;
  private readonly exited: Promise<WriterExit>;
  bytesIn = 0;

  /** Starts a spare writer in `folder` (the camera's segment folder). Throws when its file cannot be made. */
  constructor(
    ffmpegPath: string,
    readonly folder: string,
    readonly input: WriterInput = { format: 'flv', hevc: false },
  ) {
    sparesMade += 1;
    this.partPath = join(folder, `.writer-${process.pid}-${sparesMade}${SPARE_SUFFIX}`);
    const fd = openSync(this.partPath, 'wx');
    const { command, args } = guardedCommand(ffmpegPath, segmentArgs('pipe:3', input));
    try {
      this.child = spawn(command, args, { stdio: ['pipe', 'ignore', 'pipe', fd], windowsHide: true });
    } finally {
      closeSync(fd); // ffmpeg holds its own copy
    }
    childRegistry.add(this.child);
    this.child.stdin!.on('error', () => {}); // EPIPE when ffmpeg dies: reported through its exit
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-2000)));
    this.exited = new Promise((resolve) => {
      const done = (code: number | null, signal: NodeJS.Signals | null) => {
        childRegistry.delete(this.child);
        resolve({ clean: code === 0 && this.ending, code, signal, stderr: this.stderr.trim() });
      };
      this.child.once('exit', done);
      this.child.once('error', (error) => {
        this.stderr = String(error);
        done(null, null);
      });
    });
  }

  /** A spare still able to take a segment: its ffmpeg runs and nothing was given to it. */
  get waiting(): boolean {
    return this.path === null && !this.ending && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Gives the spare its segment: its file becomes `<path>.part` (a rename: ffmpeg's descriptor follows). Throws if the rename fails. */
  begin(path: string): void {
    renameSync(this.partPath, path + PART_SUFFIX);
    this.partPath = path + PART_SUFFIX;
    this.path = path;
  }

  /** Ends a spare that will not be used, and its empty file. */
  discard(): void {
    if (this.path !== null) return;
    void this.kill();
    rmSync(this.partPath, { force: true });
  }

  get pid(): number | null {
    return this.child.pid ?? null;
  }

  /** Settles when ffmpeg is gone, however it went. */
  get done(): Promise<WriterExit> {
    return this.exited;
  }

  /** False once ffmpeg cannot take more (it died, or it is too far behind). */
  write(chunk: Buffer): boolean {
    const stdin = this.child.stdin;
    if (this.ending || !stdin?.writable || stdin.writableLength > MAX_PENDING_BYTES) return false;
    stdin.write(chunk);
    this.bytesIn += chunk.length;
    return true;
  }

  /** Ends the input: ffmpeg writes the last fragment and exits. */
  finish(): Promise<WriterExit> {
    if (!this.ending) {
      this.ending = true;
      this.child.stdin?.end();
    }
    return this.exited;
  }

  /** Stops at once (the console is closing and cannot wait): the repair keeps what is whole. */
  async kill(): Promise<WriterExit> {
    this.ending = true;
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    return this.exited;
  }
}

