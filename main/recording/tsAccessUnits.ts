/**
 * The camera's video as it arrives in MPEG-TS (H.265, which FLV cannot carry on ffmpeg 5.1), cut
 * into access units for the recorder. Each comes with the TS packets it arrived in (what a `-c
 * copy` writer is fed), its sample as an fMP4 muxer takes it (length-prefixed NAL units without
 * parameter sets, decode and presentation time, key), and the decoder configuration in force
 * (hvcC / avcC, and the picture's size). PAT and PMT are kept: a segment starts with them.
 *
 * An access unit is whole when the next one starts (ffmpeg writes video PES of unknown length),
 * so each is handed out one picture late.
 */
import { TsSplitter } from '../engine/container/mpegts.js';
import { TsDemuxer } from '../../preload/media/tsDemuxer.js';
import type { AvcConfig, AvcPicture } from '../../preload/media/videoItems.js';

export interface TsAccessUnit {
  /** The TS packets of this picture's PES, as they arrived. */
  packets: Buffer[];
  bytes: number;
  picture: AvcPicture;
  /** The decoder configuration in force for it. */
  config: AvcConfig;
}

export class TsAccessUnits {
  private readonly splitter = new TsSplitter();
  private readonly demuxer = new TsDemuxer();
  private pat: Buffer | null = null;
  private pmt: Buffer | null = null;
  /** The packets of the PES being gathered, and of the one before while its end is not known. */
  private pending: Buffer[] = [];
  private previous: Buffer[] = [];
  private config: AvcConfig | null = null;

  /** Feeds bytes (whole packets or not); returns the access units they completed. Throws on bytes that are not MPEG-TS. */
  push(chunk: Buffer): TsAccessUnit[] {
    const done: TsAccessUnit[] = [];
    for (const unit of this.splitter.push(chunk)) {
      if (unit.slot === 'ts-pat') this.pat = unit.bytes;
      else if (unit.slot === 'ts-pmt') this.pmt = unit.bytes;
      if (unit.frameStart) {
        this.previous = this.pending;
        this.pending = [];
      }
      if (unit.frame) this.pending.push(unit.bytes);
      for (const item of this.demuxer.push(unit.bytes)) {
        if (item.kind === 'config') this.config = item;
        if (item.kind !== 'picture' || !this.config) continue;
        // A PES without a length is completed by the next one's start: its packets are those before
        // this one. One whose length is reached is complete with the packets so far, this one included.
        const byNextStart = unit.frameStart && this.previous.length > 0;
        const packets = byNextStart ? this.previous : this.pending;
        if (byNextStart) this.previous = [];
        else this.pending = [];
        done.push({ packets, bytes: packets.reduce((sum, packet) => sum + packet.length, 0), picture: item, config: this.config });
      }
    }
    return done;
  }

  /** PAT and PMT, once both arrived: what a segment's file starts with. */
  tables(): Buffer[] {
    return this.pat && this.pmt ? [this.pat, this.pmt] : [];
  }
}
