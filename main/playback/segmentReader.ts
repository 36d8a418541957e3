/**
 * One recorded segment read for playback from where it is wanted, never from its start: the
 * init (ftyp + moov), then only each fragment's moof (a few hundred bytes, one positioned read
 * that skips its mdat) up to the fragment holding the start, then the fragments' bytes one
 * fragment at a time as they are sent. A play at T in the middle of a 60 s segment reads the
 * moofs before it and one fragment's data, not the 7.5 MB before T (issue 18: the first picture).
 *
 * Our muxer starts each fragment at a keyframe; a file whose fragments do not (ffmpeg's, older
 * consoles') is read from its last fragment holding a keyframe at or before the start, or from its
 * first when none does, so it plays exactly as a whole read would. One being written (`.part`)
 * is read as it is at opening, up to its last whole fragment: the fragment being written is
 * never read. A `.part` gone meanwhile was closed (renamed to `.mp4`) and is read there.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { boxHeaderAt, type Box } from '../recording/mp4Boxes.js';
import type { FootageSpan } from '../recording/segmentIndex.js';
import { fragmentSamples, isKeyframe, readInit, type Fmp4Init, type Sample } from './fmp4Read.js';

/** Enough for a box header and, for our muxer's fragments, the whole moof and its mdat's header. */
const PROBE_BYTES = 4096;

export interface SegmentPiece {
  init: Fmp4Init;
  /** The segment's first sample's decode time: what its `startedAt` stands for. */
  firstDts: number;
  /** Whole fragments, as the file has them; the samples' offsets count from its start. */
  bytes: Buffer;
  samples: Sample[];
}

interface Fragment {
  /** Where its moof starts and its mdat ends in the file. */
  start: number;
  end: number;
  /** With their places in the file. */
  samples: Sample[];
}

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(Math.max(0, length));
  let filled = 0;
  while (filled < buffer.length) {
    const { bytesRead } = await file.read(buffer, filled, buffer.length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

/** The init and where the fragments begin; null when the file has no readable video track before them. */
async function readHead(file: FileHandle, size: number): Promise<{ init: Fmp4Init; end: number } | null> {
  // Our ftyp + moov are well under a probe's length: one read for them.
  const probe = await readAt(file, 0, Math.min(PROBE_BYTES, size));
  let at = 0;
  while (at < size) {
    const inProbe = at + 16 <= probe.length;
    const header = inProbe ? boxHeaderAt(probe, at) : boxHeaderAt(await readAt(file, at, Math.min(16, size - at)), 0);
    if (!header || at + header.size > size || header.type === 'moof' || header.type === 'mdat') return null;
    at += header.size;
    if (header.type === 'moov') {
      const init = readInit(at <= probe.length ? probe.subarray(0, at) : await readAt(file, 0, at));
      return init && { init: { ...init, bytes: Buffer.from(init.bytes) }, end: at };
    }
  }
  return null;
}

/**
 * The whole fragments from `at` on, each read as its moof alone (its mdat skipped), up to `size`:
 * a moof whose mdat is not all there ends them, as does anything that is not a box.
 */
async function* fragmentsFrom(file: FileHandle, at: number, size: number, init: Fmp4Init): AsyncGenerator<Fragment, void, void> {
  let nextDts = 0;
  while (at < size) {
    let probe = await readAt(file, at, Math.min(PROBE_BYTES, size - at));
    const header = boxHeaderAt(probe, 0);
    if (!header || at + header.size > size) return;
    if (header.type !== 'moof') {
      at += header.size; // free, styp, sidx…: nothing to play
      continue;
    }
    if (probe.length < header.size + 16) probe = await readAt(file, at, Math.min(header.size + 16, size - at));
    const mdat = boxHeaderAt(probe, header.size);
    const end = at + header.size + (mdat?.size ?? 0);
    if (!mdat || mdat.type !== 'mdat' || end > size) return;
    const moof: Box = { type: 'moof', start: 0, bodyStart: header.headerSize, end: header.size };
    // Only samples whose bytes lie in this fragment: a piece is read as whole fragments.
    const samples = fragmentSamples(probe, moof, init, nextDts, at).filter((sample) => sample.offset >= at && sample.offset + sample.size <= end);
    const last = samples.at(-1);
    if (last) nextDts = last.dts + last.duration;
    yield { start: at, end, samples };
    at = end;
  }
}

/** Fragments that follow one another, read in one go: their samples then point into the bytes read. */
async function pieceOf(file: FileHandle, fragments: readonly Fragment[], init: Fmp4Init, firstDts: number): Promise<SegmentPiece> {
  const start = fragments[0]!.start;
  const bytes = await readAt(file, start, fragments.at(-1)!.end - start);
  const samples = fragments.flatMap((fragment) => fragment.samples).filter((sample) => sample.offset + sample.size <= start + bytes.length);
  return { init, firstDts, bytes, samples: samples.map((sample) => ({ ...sample, offset: sample.offset - start })) };
}

async function openSegment(segment: FootageSpan): Promise<FileHandle> {
  if (segment.partPath !== undefined) {
    try {
      return await open(segment.partPath, 'r');
    } catch {
      // closed meanwhile: read where it was renamed to
    }
  }
  return open(segment.path, 'r');
}

/**
 * The segment's samples from `startMs` (epoch ms) on, in pieces of whole fragments: the first
 * holds every fragment from the last one with a keyframe at or before `startMs` up to the one
 * holding it; each next piece is one fragment. With `startMs` null, every fragment from the first.
 * `unreadable` hears of a closed segment that could not be opened (deleted by hand). The file is
 * closed when the pieces end or their reader stops.
 */
export async function* segmentPieces(segment: FootageSpan, startMs: number | null, unreadable?: () => void): AsyncGenerator<SegmentPiece, void, void> {
  let file: FileHandle;
  try {
    file = await openSegment(segment);
  } catch {
    if (segment.partPath === undefined) unreadable?.();
    return; // removed meanwhile (retention, or by hand): the stream goes on with the next segment
  }
  try {
    const size = (await file.stat()).size;
    const head = await readHead(file, size);
    if (!head) return;
    const { init } = head;
    let firstDts: number | null = null;
    let seeking = startMs !== null;
    const target = startMs ?? 0;
    /** From the last fragment with a keyframe at or before the start: what the first piece holds. */
    let lead: Fragment[] = [];
    for await (const fragment of fragmentsFrom(file, head.end, size, init)) {
      if (fragment.samples.length === 0) continue;
      firstDts ??= fragment.samples[0]!.dts;
      const epochOf = (dts: number) => segment.startedAt + ((dts - firstDts!) * 1000) / init.timescale;
      const leads = seeking && epochOf(fragment.samples[0]!.dts) <= target;
      if (leads) {
        if (fragment.samples.some((sample) => isKeyframe(sample) && epochOf(sample.dts) <= target)) lead = [];
        lead.push(fragment);
        const last = fragment.samples.at(-1)!;
        if (epochOf(last.dts + last.duration) <= target) continue; // the start lies further on
      }
      seeking = false;
      if (lead.length > 0) yield await pieceOf(file, lead.splice(0), init, firstDts);
      if (!leads) yield await pieceOf(file, [fragment], init, firstDts);
    }
    if (lead.length > 0 && firstDts !== null) yield await pieceOf(file, lead, init, firstDts);
  } finally {
    await file.close();
  }
}
