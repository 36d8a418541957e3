/**
 * What a late viewer needs to start at once: the container's header units (FLV header, metadata
 * and sequence headers; or PAT and PMT), and every unit since the last keyframe. Bounded, so a
 * camera with a huge GOP cannot grow memory.
 */
import { SLOT_ORDER, type HeaderSlot, type MediaUnit } from '../container/mediaUnit.js';

const MAX_GOP_BYTES = 8 * 1024 * 1024;

export class GopCache {
  private headers = new Map<HeaderSlot, Buffer>();
  private gop: MediaUnit[] = [];
  private gopBytes = 0;
  /** Where the GOP's second frame starts: the keyframe alone is gop[0 .. keyframeEnd). */
  private keyframeEnd: number | null = null;

  add(unit: MediaUnit): void {
    if (unit.slot) {
      this.headers.set(unit.slot, unit.bytes);
      return;
    }
    if (unit.keyframe) {
      this.gop = [];
      this.gopBytes = 0;
      this.keyframeEnd = null;
    } else if (this.gop.length === 0) {
      return; // no keyframe yet: these units cannot be decoded on their own
    } else if (unit.frameStart && this.keyframeEnd === null) {
      this.keyframeEnd = this.gop.length;
    }
    if (this.gopBytes + unit.bytes.length > MAX_GOP_BYTES) {
      this.gop = [];
      this.gopBytes = 0;
      this.keyframeEnd = null;
      return;
    }
    this.gop.push(unit);
    this.gopBytes += unit.bytes.length;
  }

  /** True once a viewer joining now could decode a picture straight away. */
  get ready(): boolean {
    const flv = this.headers.has('flv-header') && this.headers.has('flv-video-config');
    const ts = this.headers.has('ts-pat') && this.headers.has('ts-pmt');
    return (flv || ts) && this.gop.length > 0;
  }

  /** The bytes that bring a new viewer to the live edge, starting at a keyframe; with `keyframeOnly`, headers and the keyframe alone (a still). */
  snapshot(keyframeOnly = false): Buffer[] {
    if (!this.ready) return [];
    return [...this.headerUnits(), ...this.frames(keyframeOnly).map((unit) => unit.bytes)];
  }

  /** The units since the last keyframe (empty until ready); with `keyframeOnly`, the keyframe's alone. */
  frames(keyframeOnly = false): readonly MediaUnit[] {
    if (!this.ready) return [];
    return keyframeOnly ? this.gop.slice(0, this.keyframeEnd ?? this.gop.length) : this.gop;
  }

  /** The container's header units, in the order a decoder needs them. */
  headerUnits(): Buffer[] {
    return SLOT_ORDER.flatMap((slot) => this.headers.get(slot) ?? []);
  }

  clear(): void {
    this.headers.clear();
    this.gop = [];
    this.gopBytes = 0;
    this.keyframeEnd = null;
  }
}
