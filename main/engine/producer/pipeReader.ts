/**
 * Reads a child's output pipe (ffmpeg's FLV or MPEG-TS) straight into large slabs of memory, with
 * no stream machinery per read. Node's own reading of a pipe allocates a 64 KiB buffer for every
 * read, then one of the read's size to copy it into, pushes it through a Readable (`addChunk`,
 * `emit`, a `nextTick` for `maybeReadMore`) and leaves both to the garbage collector: about a
 * third of what a pulled 720p25 session cost main, 25 times a second (issue 17's "≤ 1 % of a core
 * per recorded feed"). Here the kernel writes each read into the free tail of a slab and the bytes
 * are handed on as a view of it.
 *
 * A slab's bytes are never written twice: a chunk handed out stays as it was for as long as anyone
 * holds it (frames are views of their chunk all the way to the pre-roll, the GOP cache, the
 * recorders and the viewers' sockets), and a slab goes when the last view of it does.
 */
import { Socket, type SocketConstructorOpts } from 'node:net';
import type { Readable } from 'node:stream';

/** One slab: many reads of a 720p stream (13 KB a frame), so about one allocation every 1.5 s. */
export const SLAB_BYTES = 512 * 1024;
/** A read gets at least this much room (a pipe holds 64 KiB): a tail smaller than it starts a new slab. */
export const MIN_READ_BYTES = 64 * 1024;

/** The memory reads go into: the free tail of the current slab, and the view of what a read filled. */
export class SlabReads {
  private slab: Buffer;
  private used = 0;

  constructor(
    private readonly slabBytes = SLAB_BYTES,
    private readonly minReadBytes = MIN_READ_BYTES,
  ) {
    this.slab = Buffer.allocUnsafeSlow(slabBytes);
  }

  /** Where the next read goes: never over bytes a chunk was handed out from. */
  room(): Buffer {
    if (this.slab.length - this.used < this.minReadBytes) {
      this.slab = Buffer.allocUnsafeSlow(this.slabBytes);
      this.used = 0;
    }
    return this.slab.subarray(this.used);
  }

  /** The read into the last `room` filled `bytes`: they are the caller's now, and the room moves past them. */
  take(bytes: number): Buffer {
    const chunk = this.slab.subarray(this.used, this.used + bytes);
    this.used += bytes;
    return chunk;
  }
}

interface PipeHandle {
  readStop(): number;
  reading?: boolean;
}

/**
 * Hands `onChunk` every read of `pipe` (a child's stdout or other output pipe, just spawned and not
 * yet read from). Where the pipe's handle can be taken over (Node on Linux and macOS) the reads go
 * into slabs; elsewhere its `data` events are passed on as they are. Ends by itself at EOF. The
 * child's own `stdout` stream never sees a byte nor closes: use its `exit`, not `close`.
 */
export function readPipe(pipe: Readable, onChunk: (chunk: Buffer) => void): void {
  const handle = (pipe as Readable & { _handle?: PipeHandle | null })._handle;
  // Not tried on Windows (libuv reads its named pipes another way): Node's ordinary reading there.
  if (process.platform === 'win32' || !(pipe instanceof Socket) || !handle || typeof handle.readStop !== 'function') {
    pipe.on('data', onChunk);
    return;
  }
  // The child's socket started reading when it was made; it stops, and one with the slab takes over
  // its handle (Node's `onread` option: the kernel reads into the buffer given, no Readable per read).
  handle.readStop();
  handle.reading = false;
  const slabs = new SlabReads();
  // `handle` is the option net.Server gives the sockets it accepts (not in Node's typings).
  const reader = new Socket({
    handle,
    readable: true,
    writable: false,
    // Node asks for the next read's buffer after each read (and once before the first).
    onread: {
      buffer: () => slabs.room(),
      callback: (bytes: number) => {
        onChunk(slabs.take(bytes));
        return true;
      },
    },
  } as SocketConstructorOpts);
  // The run ends on the process's exit; a read error only ends this pipe (the old socket said nothing either).
  reader.on('error', () => {});
}
