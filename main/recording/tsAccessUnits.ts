/**
 * The camera's video as it arrives in MPEG-TS (H.265, which FLV cannot carry on ffmpeg 5.1), cut
 * into access units for the recorder's fMP4 muxer: each picture's sample (length-prefixed NAL
 * units without parameter sets, decode and presentation time, key), the decoder configuration in
 * force (hvcC / avcC, and the picture's size), and the bytes of the TS packets it arrived in (the
 * sidecar's bytes per second count what the camera sent, as FLV's tags do). Only counts are kept
 * of the packets: main writes the segment itself, nothing is fed a copy of them.
 *
 * An access unit is whole when the next one starts (ffmpeg writes video PES of unknown length),
 * so each is handed out one picture late.
 */
import { TsSplitter } from '../engine/container/mpegts.js';
import { TsDemuxer } from '../../preload/media/tsDemuxer.js';
import type { AvcConfig, AvcPicture } from '../../preload/media/videoItems.js';

export interface TsAccessUnit {
  /** Bytes of the TS packets of this picture's PES, as they arrived. */
  bytes: number;
  picture: AvcPicture;
  /** The decoder configuration in force for it. */
  config: AvcConfig;
}

export class TsAccessUnits {
  private readonly splitter = new TsSplitter();
  private readonly demuxer = new TsDemuxer();
  /** Packet bytes of the PES being gathered, and of the one before while its end is not known. */
  private pendingBytes = 0;
  private previousBytes = 0;
  private config: AvcConfig | null = null;

  /** Feeds bytes (whole packets or not); returns the access units they completed. Throws on bytes that are not MPEG-TS. */
  push(chunk: Buffer): TsAccessUnit[] {
    const done: TsAccessUnit[] = [];
    for (const unit of this.splitter.push(chunk)) {
      if (unit.frameStart) {
        this.previousBytes = this.pendingBytes;
        this.pendingBytes = 0;
      }
      if (unit.frame) this.pendingBytes += unit.bytes.length;
      for (const item of this.demuxer.push(unit.bytes)) {
        if (item.kind === 'config') this.config = item;
        if (item.kind !== 'picture' || !this.config) continue;
        // A PES without a length is completed by the next one's start: its packets are those before
        // this one. One whose length is reached is complete with the packets so far, this one included.
        const byNextStart = unit.frameStart && this.previousBytes > 0;
        const bytes = byNextStart ? this.previousBytes : this.pendingBytes;
        if (byNextStart) this.previousBytes = 0;
        else this.pendingBytes = 0;
        done.push({ bytes, picture: item, config: this.config });
      }
    }
    return done;
  }
}
