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
  /** The packets of the PES being gathered. */
  private pending: Buffer[] = [];
  private config: AvcConfig | null = null;

  /** Feeds bytes (whole packets or not); returns the access units they completed. Throws on bytes that are not MPEG-TS. */
  push(chunk: Buffer): TsAccessUnit[] {
    const done: TsAccessUnit[] = [];
    for (const unit of this.splitter.push(chunk)) {
      // A PES starting completes the one before: its packets are those gathered so far.
      for (const item of this.demuxer.push(unit.bytes)) {
        if (item.kind === 'config') this.config = item;
        else if (this.config) done.push({ packets: this.pending, bytes: this.pending.reduce((sum, packet) => sum + packet.length, 0), picture: item, config: this.config });
      }
      if (unit.slot === 'ts-pat') this.pat = unit.bytes;
      else if (unit.slot === 'ts-pmt') this.pmt = unit.bytes;
      if (unit.frameStart) this.pending = [];
      if (unit.frame) this.pending.push(unit.bytes);
    }
    return done;
  }

  /** PAT and PMT, once both arrived: what a segment's file starts with. */
  tables(): Buffer[] {
    return this.pat && this.pmt ? [this.pat, this.pmt] : [];
  }
}
