/**
 * What a recorder reads from its session, cut into frames it can write: the camera's video as it
 * arrives, FLV for H.264 or MPEG-TS for H.265 (never converted). Either way the recorder sees
 * frames with a decode time and a keyframe flag, the headers a segment starts with, and the
 * decoder configuration in force (a change cuts the segment).
 */
import { CLOCK_TAG_NAME, FlvSplitter } from '../engine/container/flv.js';
import type { HeaderSlot } from '../engine/container/mediaUnit.js';
import { TsAccessUnits } from './tsAccessUnits.js';

export interface RecordedFrame {
  /** What the segment's writer is given: one FLV tag, or the TS packets of one access unit. */
  chunks: Buffer[];
  bytes: number;
  keyframe: boolean;
  /** Decode time, ms, on the session's timeline. */
  timestamp: number;
}

export type InputFormat = 'flv' | 'mpegts';

/** What a segment's writer is fed. */
export interface WriterInput {
  format: InputFormat;
  /** H.265 (the writer tags it `hvc1`, the tag players ask for). */
  hevc: boolean;
}

export interface RecorderInput extends WriterInput {
  /** Feeds the session's bytes; returns the frames they completed. Throws on bytes not of this format. */
  push(chunk: Buffer): RecordedFrame[];
  /** What a segment starts with, before its first keyframe; empty until known. */
  headers(): Buffer[];
  /** The decoder configuration in force; null until known. */
  config(): Buffer | null;
}

/** The input the session's bytes are in, from their first byte: FLV's `F`, or MPEG-TS's sync byte. */
export function inputFor(first: Buffer): RecorderInput {
  return first[0] === 0x47 ? new TsInput() : new FlvInput();
}

const isClockTag = (bytes: Buffer) => bytes.includes(CLOCK_TAG_NAME, 11, 'latin1');
const FLV_HEADERS = ['flv-header', 'flv-metadata', 'flv-video-config'] as const;

class FlvInput implements RecorderInput {
  readonly format = 'flv' as const;
  readonly hevc = false;
  private readonly splitter = new FlvSplitter();
  private readonly slots = new Map<HeaderSlot, Buffer>();

  push(chunk: Buffer): RecordedFrame[] {
    const frames: RecordedFrame[] = [];
    for (const unit of this.splitter.push(chunk)) {
      if (unit.slot) {
        if (unit.slot === 'flv-metadata' && isClockTag(unit.bytes)) continue; // the players' clock, not the camera's
        this.slots.set(unit.slot, unit.bytes);
      } else if (unit.timestamp !== null) {
        frames.push({ chunks: [unit.bytes], bytes: unit.bytes.length, keyframe: unit.keyframe && unit.frameStart, timestamp: unit.timestamp });
      }
    }
    return frames;
  }

  headers(): Buffer[] {
    if (!this.slots.has('flv-header') || !this.slots.has('flv-video-config')) return [];
    return FLV_HEADERS.flatMap((slot) => this.slots.get(slot) ?? []);
  }

  config(): Buffer | null {
    return this.slots.get('flv-video-config') ?? null;
  }
}

class TsInput implements RecorderInput {
  readonly format = 'mpegts' as const;
  private readonly units = new TsAccessUnits();
  private configuration: Buffer | null = null;
  hevc = false;

  push(chunk: Buffer): RecordedFrame[] {
    return this.units.push(chunk).map(({ packets, bytes, picture, config }) => {
      if (!this.configuration?.equals(config.description)) {
        this.configuration = Buffer.from(config.description);
        this.hevc = config.codec.startsWith('hvc1');
      }
      // Whole ms like FLV's: the sidecar's keyframe times and bytes per second are in ms.
      return { chunks: packets, bytes, keyframe: picture.key, timestamp: Math.round(picture.dts) };
    });
  }

  headers(): Buffer[] {
    return this.units.tables();
  }

  config(): Buffer | null {
    return this.configuration;
  }
}
