/**
 * Joins recorded segments into one fragmented MP4 for a time range, without decoding: it starts
 * at the keyframe at or before the range's start, takes the samples up to its end across segment
 * boundaries, and writes its own fragments on one decode timeline that starts at 0 on that
 * keyframe (epoch `startMs`), so the result is one valid fMP4 whatever the segments' own clocks.
 * A segment whose codec or picture size differs cannot share the first one's init: the stream
 * ends there. Keyframes-only keeps each GOP's keyframe and gives it the GOP's whole duration, so
 * time still runs at its real pace (for fast and reverse play); with a spacing it keeps only
 * keyframes that far apart, each lasting until the next one kept.
 */
import { keyframeTooClose } from '../../preload/keyframeSpacing.js';
import { isKeyframe, type Fmp4Init, type Sample } from './fmp4Read.js';
import { fragmentBytes, type OutSample } from '../recording/mp4Write.js';

export interface JoinRange {
  /** Epoch ms: play from the keyframe at or before this. */
  start: number;
  /** Epoch ms: no sample decoded at or after this. */
  end: number;
  keyframesOnly: boolean;
  /**
   * Keyframes only: keep none closer than this (ms of recorded time) to the last one kept; 0
   * keeps every one. The player asks what it will decode at its speed, no more.
   */
  keyframeSpacingMs?: number;
}

interface Pending {
  dts: number;
  sample: OutSample;
}

export class Fmp4Joiner {
  private init: Fmp4Init | null = null;
  private sequence = 1;
  /** The first sample's epoch ms (what decode time 0 stands for); null until started. */
  startMs: number | null = null;
  /** Where the next sample may be decoded at the earliest (out timeline). */
  private nextDts = 0;
  done = false;
  /** Full mode: the fragment being filled. Keyframes mode: the keyframe waiting for its GOP's end. */
  private batch: Pending[] = [];
  private gopEnd = 0;
  /** Keyframes mode: the out decode time of the last keyframe kept. */
  private lastKept: number | null = null;
  /** The segment being added: its epoch mapping, and once placed, its decode times' shift onto the out timeline. */
  private segment: { init: Fmp4Init; startedAt: number; firstDts: number; offset: number | null } | null = null;

  constructor(private readonly range: JoinRange) {}

  get timescale(): number | null {
    return this.init?.timescale ?? null;
  }

  /** Epoch ms where what was taken so far ends (the last sample's decode time plus its duration). */
  get endMs(): number | null {
    return this.startMs === null || !this.init ? null : this.startMs + (this.nextDts * 1000) / this.init.timescale;
  }

  /**
   * Adds a segment's samples (`bytes` is the segment file, `startedAt` the epoch ms of its first
   * sample); returns what to send. Nothing more is taken once `done`.
   */
  addSegment(bytes: Buffer, init: Fmp4Init, samples: readonly Sample[], startedAt: number): Buffer[] {
    if (this.done || samples.length === 0) return [];
    return [...this.beginSegment(init, startedAt, samples[0]!.dts), ...this.addSamples(bytes, samples), ...this.endSegment()];
  }

  /**
   * A segment follows: its init, and the epoch ms (`startedAt`) its first sample's decode time
   * (`firstDts`) stands for. Its samples follow through addSamples, in pieces as they are read,
   * then endSegment. Returns what to send (what was held, when another codec ends the stream).
   */
  beginSegment(init: Fmp4Init, startedAt: number, firstDts: number): Buffer[] {
    if (this.done) return [];
    if (this.init && init.codecKey !== this.init.codecKey) {
      this.done = true; // another codec or size: a player must start again with the new init
      return this.flush();
    }
    this.segment = { init, startedAt, firstDts, offset: null };
    return [];
  }

  /**
   * Samples of the segment begun, in decode order, whose offsets point into `bytes`. Before the
   * stream has started, the first piece must hold every fragment up to the range's start: the
   * keyframe at or before it is looked for there.
   */
  addSamples(bytes: Buffer, samples: readonly Sample[]): Buffer[] {
    const segment = this.segment;
    if (this.done || !segment || samples.length === 0) return [];
    const { init, startedAt, firstDts } = segment;
    const epochOf = (sample: Sample) => startedAt + ((sample.dts - firstDts) * 1000) / init.timescale;
    const out: Buffer[] = [];
    let from = 0;
    if (this.startMs === null) {
      // The keyframe at or before the start; the first one after it when the start is in the seam before it.
      from = -1;
      for (let i = 0; i < samples.length && epochOf(samples[i]!) <= this.range.start; i += 1) if (isKeyframe(samples[i]!)) from = i;
      if (from === -1) from = samples.findIndex(isKeyframe);
      if (from === -1) return [];
      this.init = init;
      this.startMs = epochOf(samples[from]!);
      out.push(init.bytes);
      segment.offset = -samples[from]!.dts;
    } else if (segment.offset === null) {
      segment.offset = Math.round(((startedAt - this.startMs) * init.timescale) / 1000) - firstDts;
    }
    // This segment's place on the out timeline by the wall clock, never overlapping what was sent.
    if (samples[from]!.dts + segment.offset < this.nextDts) segment.offset = this.nextDts - samples[from]!.dts;
    for (let i = from; i < samples.length; i += 1) {
      const sample = samples[i]!;
      if (epochOf(sample) >= this.range.end) {
        this.done = true;
        break;
      }
      out.push(...this.take(sample.dts + segment.offset, sample, bytes));
    }
    // A whole fragment goes out at once (a player waits for no more); a keyframe-only GOP waits for its end.
    if (this.done || !this.range.keyframesOnly) out.push(...this.flush());
    return out;
  }

  /** The segment's samples are all given: what is held goes out. */
  endSegment(): Buffer[] {
    this.segment = null;
    return this.flush();
  }

  /** What is still held (the last keyframe-only GOP): call when no segment follows. */
  finish(): Buffer[] {
    this.done = true;
    return this.flush();
  }

  private take(dts: number, sample: Sample, bytes: Buffer): Buffer[] {
    const out: Buffer[] = [];
    const keyframe = isKeyframe(sample);
    this.nextDts = dts + sample.duration;
    if (this.range.keyframesOnly) {
      if (keyframe && !this.tooClose(dts)) {
        this.lastKept = dts;
        out.push(...this.flush());
        this.batch = [{ dts, sample: { duration: sample.duration, flags: sample.flags, cto: sample.cto, data: bytes.subarray(sample.offset, sample.offset + sample.size) } }];
      }
      this.gopEnd = this.nextDts;
      return out;
    }
    // A fragment per GOP, at most about a second: a player can start at any fragment's keyframe.
    const batchDuration = this.batch.reduce((sum, entry) => sum + entry.sample.duration, 0);
    if (keyframe || batchDuration >= (this.init?.timescale ?? 1000)) out.push(...this.flush());
    this.batch.push({ dts, sample: { duration: sample.duration, flags: sample.flags, cto: sample.cto, data: bytes.subarray(sample.offset, sample.offset + sample.size) } });
    return out;
  }

  /** Keyframes mode with a spacing: this keyframe (out decode time) follows the last kept too soon. */
  private tooClose(dts: number): boolean {
    const spacing = this.range.keyframeSpacingMs ?? 0;
    if (spacing <= 0 || this.lastKept === null || !this.init) return false;
    const toMs = (ticks: number) => (ticks * 1000) / this.init!.timescale;
    return keyframeTooClose(toMs(this.lastKept), toMs(dts), spacing);
  }

  private flush(): Buffer[] {
    const batch = this.batch;
    this.batch = [];
    if (batch.length === 0 || !this.init) return [];
    if (this.range.keyframesOnly) batch[0]!.sample.duration = Math.max(1, this.gopEnd - batch[0]!.dts);
    return [fragmentBytes(this.sequence++, this.init.trackId, batch[0]!.dts, batch.map((entry) => entry.sample))];
  }
}
