/**
 * The WebCodecs engine: the stream socket's FLV, demuxed here, decoded by VideoDecoder with
 * `optimizeForLatency`, and each decoded frame handed at once to the tile's <video> through a
 * MediaStreamTrackGenerator. The <video> stays (the budget's meter, stills and tests read it), but
 * nothing buffers: a MediaStream shows the newest frame it is given, as a video call does.
 *
 * Behind means skip, never buffer: when frames wait in the decoder, or a decoded frame comes out
 * later than MAX_BEHIND_MS after its bytes arrived, the decoder is reset and starts again at the
 * next keyframe. A frame the <video> has not taken yet is replaced by the newer one.
 */
import type { ProbedVideo } from '../../budget';
import type { WatchedVideo } from '../playbackWatch';
import type { EngineEvents, PlayerEngine } from '../playerEngine';
import { frameTrackInto, webCodecsAvailable, type TrackGenerator } from '../../../lib/webCodecs';
import { decoderFailure } from '../../../lib/hevc';
import { sameBytes } from '../../../../preload/media/avc';
import { FlvDemuxer, type AvcConfig, type AvcPicture } from './flvDemuxer';
import { TsDemuxer } from '../../../../preload/media/tsDemuxer';

export { webCodecsAvailable };

/** Main's pace between a keyframe and its copy for a keyframe-only viewer (main/engine/fanout/viewerTimeline.ts). */
const PACE_MS = 40;

/** Frames queued in the decoder beyond this: it is behind, skip to the next keyframe. */
export const MAX_DECODE_QUEUE = 4;
/** A frame decoded this long after its bytes arrived is not live: skip to the next keyframe. */
export const MAX_BEHIND_MS = 500;

/** The engine's own figures, for the decode budget and the tile's latency label. */
export interface DecodeFigures {
  decoded: number;
  /** Frames dropped because the <video> had not taken the previous one. */
  replaced: number;
  /** Times decoding fell behind and skipped to the next keyframe. */
  skips: number;
  /** Pictures not shown because decoding skipped them (late, or waiting for the next keyframe). */
  discarded: number;
  /** Arrival of a frame's bytes to its decoded picture, last frame, ms. */
  decodeMs: number;
}

export class WebCodecsEngine implements PlayerEngine {
  readonly kind = 'webcodecs';
  readonly figures: DecodeFigures = { decoded: 0, replaced: 0, skips: 0, discarded: 0, decodeMs: 0 };
  private socket: WebSocket | null = null;
  private demuxer: FlvDemuxer | TsDemuxer = new FlvDemuxer();
  private decoder: VideoDecoder | null = null;
  private config: VideoDecoderConfig | null = null;
  /** Pictures the decoder put out since it was last configured: none yet means it may not decode this at all. */
  private picturesSinceConfigure = 0;
  private generator: TrackGenerator | null = null;
  private writer: WritableStreamDefaultWriter<VideoFrame> | null = null;
  private waitingForKey = true;
  /** The last keyframe decoded, and its time: main sends a keyframe-only viewer each keyframe twice. */
  private lastKeyframe: { data: Uint8Array; dts: number } | null = null;
  /** Said unsupported or broken once: nothing more is decoded or reported until destroyed. */
  private failed = false;
  /** When each queued picture's bytes arrived and whether it is a keyframe, by its timestamp (µs). */
  private readonly arrivals = new Map<number, { at: number; key: boolean }>();
  private destroyed = false;
  /** Still pictures (budget level 3): one keyframe decoded this often, nothing else; null: all. */
  private stillEveryMs: number | null = null;
  private lastStillAt = -Infinity;

  /** The watchdog sees the decoder's output: "time" moves with every decoded frame. */
  readonly watched: WatchedVideo;
  /**
   * The budget's meter sees the decoder's own figures: every picture that arrived (shown or not),
   * those not shown, and "buffered" as the time from a picture's arrival to its decoded frame.
   */
  readonly probe: ProbedVideo;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly events: EngineEvents,
  ) {
    const figures = this.figures;
    this.watched = {
      get currentTime() {
        return figures.decoded;
      },
      set currentTime(_ignored: number) {},
      buffered: { length: 0, end: () => 0 },
      paused: false,
      play: () => undefined,
    };
    const element = this.video;
    this.probe = {
      currentTime: 0,
      paused: false,
      buffered: { length: 1, end: () => figures.decodeMs / 1000 },
      getVideoPlaybackQuality: () => ({ totalVideoFrames: figures.decoded + figures.discarded, droppedVideoFrames: figures.replaced + figures.discarded }),
      get dataset() {
        return element.dataset;
      },
    };
  }

  load(url: string, type: 'flv' | 'mpegts'): void {
    // H.265 passed through comes in MPEG-TS (ffmpeg 5.1 cannot put it in FLV).
    if (type === 'mpegts') this.demuxer = new TsDemuxer();
    const track = frameTrackInto(this.video);
    if (!track) {
      this.events.onUnsupported(`stream type ${type}`);
      return;
    }
    this.generator = track.generator;
    this.writer = track.writer;
    this.decoder = new VideoDecoder({ output: this.onFrame, error: this.onDecoderError });
    const socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    socket.onmessage = (message) => {
      if (message.data instanceof ArrayBuffer) this.receive(new Uint8Array(message.data));
    };
    socket.onclose = () => {
      if (!this.destroyed) this.events.onClosed();
    };
    this.socket = socket;
  }

  setStillEvery(ms: number | null): void {
    this.stillEveryMs = ms;
    this.lastStillAt = -Infinity; // the next keyframe is the first still
  }

  private receive(bytes: Uint8Array): void {
    if (this.failed) return;
    let items;
    try {
      items = this.demuxer.push(bytes);
    } catch (error) {
      return this.fail('error', `stream: ${String(error)}`);
    }
    for (const item of items) {
      if (this.destroyed || this.failed) return;
      if (item.kind === 'config') this.configure(item);
      else if (item.kind === 'picture') this.decode(item);
      else if (item.kind === 'clock') this.events.onClock(item.sentAt);
      else this.fail('unsupported', `FLV video codec ${item.codecId}`);
    }
  }

  private configure(item: AvcConfig): void {
    const decoder = this.decoder;
    if (!decoder || decoder.state === 'closed') return;
    const config: VideoDecoderConfig = { codec: item.codec, description: item.description, optimizeForLatency: true };
    if (this.config && this.config.codec === config.codec && sameBytes(this.config.description as Uint8Array, item.description)) return;
    // A codec the platform cannot decode ends in the error callback (NotSupportedError).
    if (decoder.state === 'configured') decoder.reset();
    this.arrivals.clear();
    this.lastKeyframe = null;
    decoder.configure(config);
    this.config = config;
    this.picturesSinceConfigure = 0;
    this.waitingForKey = true;
  }

  private decode(picture: AvcPicture): void {
    const decoder = this.decoder;
    if (!decoder || decoder.state !== 'configured') return;
    // Keyframes only: the copy that paces mpegts.js follows its keyframe by exactly PACE_MS with the
    // same bytes; that picture is already decoded. (A camera's next keyframe never matches both.)
    const last = this.lastKeyframe;
    if (picture.key && last !== null && picture.dts === last.dts + PACE_MS && sameBytes(last.data, picture.data)) return;
    if (picture.key) this.lastKeyframe = { data: picture.data, dts: picture.dts };
    // A still is the last frame decoded: the <video> keeps showing it until the next one.
    if (this.stillEveryMs !== null) {
      if (!picture.key || performance.now() - this.lastStillAt < this.stillEveryMs) return;
      this.lastStillAt = performance.now();
    }
    if (this.waitingForKey && !picture.key) {
      this.figures.discarded += 1;
      return;
    }
    if (!picture.key && decoder.decodeQueueSize > MAX_DECODE_QUEUE) {
      this.figures.discarded += 1 + decoder.decodeQueueSize;
      return this.skipToKeyframe();
    }
    this.waitingForKey = false;
    const timestamp = picture.pts * 1000;
    this.arrivals.set(timestamp, { at: performance.now(), key: picture.key });
    if (this.arrivals.size > 64) this.arrivals.delete(this.arrivals.keys().next().value!);
    decoder.decode(new EncodedVideoChunk({ type: picture.key ? 'key' : 'delta', timestamp, data: picture.data }));
  }

  private readonly onFrame = (frame: VideoFrame) => {
    const arrived = this.arrivals.get(frame.timestamp);
    this.arrivals.delete(frame.timestamp);
    const writer = this.writer;
    if (this.destroyed || !writer) return frame.close();
    this.picturesSinceConfigure += 1;
    if (arrived !== undefined) {
      this.figures.decodeMs = Math.round(performance.now() - arrived.at);
      // A late keyframe is still shown: skipping it would only wait for the next, as late.
      if (this.figures.decodeMs > MAX_BEHIND_MS && !arrived.key) {
        frame.close();
        this.figures.discarded += 1 + (this.decoder?.decodeQueueSize ?? 0);
        return this.skipToKeyframe();
      }
    }
    this.figures.decoded += 1;
    // The <video> has not taken the previous frame yet: the newest one goes instead of queueing.
    if (writer.desiredSize !== null && writer.desiredSize <= 0) {
      this.figures.replaced += 1;
      return frame.close();
    }
    writer.write(frame).catch(() => frame.close());
  };

  private readonly onDecoderError = (error: DOMException) => {
    if (this.destroyed) return;
    const codec = this.config?.codec ?? null;
    if (decoderFailure(error.name, codec, this.picturesSinceConfigure) === 'unsupported') this.fail('unsupported', `${codec ?? 'codec'}: ${error.name}: ${error.message}`);
    else this.fail('error', `decoder: ${error.message}`);
  };

  /** Says it once: the supervisor tears this engine down; until then nothing more is decoded. */
  private fail(kind: 'unsupported' | 'error', detail: string): void {
    if (this.failed || this.destroyed) return;
    this.failed = true;
    if (kind === 'unsupported') this.events.onUnsupported(detail);
    else this.events.onError(detail);
  }

  private skipToKeyframe(): void {
    this.figures.skips += 1;
    this.waitingForKey = true;
    this.arrivals.clear();
    this.lastKeyframe = null;
    const decoder = this.decoder;
    if (decoder?.state === 'configured' && this.config) {
      decoder.reset();
      decoder.configure(this.config);
    }
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.socket) {
      this.socket.onmessage = null;
      this.socket.onclose = null;
      this.socket.close();
      this.socket = null;
    }
    if (this.decoder && this.decoder.state !== 'closed') this.decoder.close();
    this.decoder = null;
    void this.writer?.close().catch(() => undefined);
    this.writer = null;
    this.generator?.stop();
    this.generator = null;
    this.video.srcObject = null;
    this.arrivals.clear();
    this.lastKeyframe = null;
    this.demuxer.reset();
  }
}
